// MQTT 5 reason codes (OASIS MQTT 5.0, §2.4) in words, with the fix a technician should try.
// A code means slightly different things in different packets (0x87 in a CONNACK is about the
// login, in a SUBACK about the topic), so hints can be given per packet.

export type ReasonPacket = 'connack' | 'puback' | 'suback' | 'unsuback' | 'disconnect';

export interface ReasonCodeInfo {
  /** The specification's name, e.g. "Not authorized". */
  name: string;
  /** What the broker means, in words. */
  text: string;
  /** The likely fix; null when nothing needs fixing. */
  hint: string | null;
  /** A better hint for one kind of packet. */
  hints?: Partial<Record<ReasonPacket, string>>;
}

const CHECK_ACL = "the broker's access rules (ACL) do not allow this user or client id";

export const MQTT5_REASON_CODES: Readonly<Record<number, ReasonCodeInfo>> = {
  0x00: { name: 'Success', text: 'Success.', hint: null },
  0x01: { name: 'Granted QoS 1', text: 'Subscription granted with QoS 1.', hint: null },
  0x02: { name: 'Granted QoS 2', text: 'Subscription granted with QoS 2.', hint: null },
  0x04: { name: 'Disconnect with Will Message', text: 'Disconnected; the will message is sent.', hint: null },
  0x10: {
    name: 'No matching subscribers',
    text: 'Accepted, but nobody is subscribed to this topic right now.',
    hint: 'Not an error: the message was accepted. Check the topic if a subscriber should be listening.',
  },
  0x11: { name: 'No subscription existed', text: 'There was no such subscription to remove.', hint: null },
  0x18: {
    name: 'Continue authentication',
    text: 'The broker continues the authentication exchange.',
    hint: null,
  },
  0x19: { name: 'Re-authenticate', text: 'The broker asks to authenticate again.', hint: null },
  0x80: {
    name: 'Unspecified error',
    text: 'The broker refused without giving a reason.',
    hint: "Look at the broker's log for the reason; often an access rule (ACL) refuses it.",
    hints: {
      suback: `The broker refused this subscription; usually ${CHECK_ACL} to read this topic, or the topic filter is not allowed.`,
    },
  },
  0x81: {
    name: 'Malformed Packet',
    text: 'The broker could not parse a packet we sent.',
    hint: 'A client or broker bug, or a proxy altering the stream; try protocol_version: 4 and report it.',
  },
  0x82: {
    name: 'Protocol Error',
    text: 'The broker says a packet broke the MQTT protocol rules.',
    hint: 'Often a protocol version mismatch; try protocol_version: 4. Check the broker log for details.',
  },
  0x83: {
    name: 'Implementation specific error',
    text: 'The broker refused for a reason specific to its software.',
    hint: "Check the broker's log or ask its operator.",
  },
  0x84: {
    name: 'Unsupported Protocol Version',
    text: 'The broker does not support MQTT 5.',
    hint: 'Set protocol_version: 4 (MQTT 3.1.1) in the profile.',
  },
  0x85: {
    name: 'Client Identifier not valid',
    text: 'The broker rejects our client id.',
    hint: 'Set client_id to one the broker allows (short, letters, digits and -; some brokers require it to match the user name), or remove it to use a generated id.',
  },
  0x86: {
    name: 'Bad User Name or Password',
    text: 'The broker refused the user name or password.',
    hint: 'Check username and password in the profile (passwords are case-sensitive; quote them in YAML).',
  },
  0x87: {
    name: 'Not authorized',
    text: 'The broker says we are not authorised.',
    hint: `Check ${CHECK_ACL}.`,
    hints: {
      connack:
        'Mosquitto answers a wrong password with 135 (not 134) under MQTT 5: check username and password first; if they are right, ' +
        `${CHECK_ACL} to connect (or it requires a client certificate).`,
      suback: `Not allowed to subscribe to this topic: ${CHECK_ACL} to read it. Check the topic's spelling and the ACL.`,
      puback: `Not allowed to publish to this topic: ${CHECK_ACL} to write it. Check the topic's spelling and the ACL.`,
    },
  },
  0x88: {
    name: 'Server unavailable',
    text: 'The broker is running but cannot serve clients now.',
    hint: 'Usually temporary (starting, overloaded, maintenance); the app retries. If it persists, contact the broker operator.',
  },
  0x89: {
    name: 'Server busy',
    text: 'The broker is too busy to accept us.',
    hint: 'Temporary: the app retries with growing pauses. If it persists, contact the broker operator.',
  },
  0x8a: {
    name: 'Banned',
    text: 'The broker has banned this client.',
    hint: 'Ask the broker operator to lift the ban (often after too many failed logins from this user, id or address).',
  },
  0x8b: {
    name: 'Server shutting down',
    text: 'The broker is shutting down.',
    hint: 'The app reconnects when it is back; unsent messages stay in the outbox.',
  },
  0x8c: {
    name: 'Bad authentication method',
    text: 'The broker does not support the authentication method we asked for.',
    hint: 'Remove the enhanced-authentication settings or ask the operator which method to use.',
  },
  0x8d: {
    name: 'Keep Alive timeout',
    text: 'The broker heard nothing from us within 1.5 × the keepalive interval.',
    hint: 'The network dropped packets or the computer slept; the app reconnects. Lower keepalive if a firewall cuts idle connections.',
  },
  0x8e: {
    name: 'Session taken over',
    text: 'Another connection with the same client id took over our session.',
    hint: 'Another client (a second copy of this app, the gateway itself, or another tool) uses the same client_id: give each a unique one, or remove client_id to use a generated id.',
  },
  0x8f: {
    name: 'Topic Filter invalid',
    text: 'The broker rejects the topic filter.',
    hint: 'Check the filter: + and # must fill a whole level, # only at the end; some brokers refuse $ topics or too many levels.',
  },
  0x90: {
    name: 'Topic Name invalid',
    text: 'The broker rejects the topic name.',
    hint: 'A topic to publish to must not contain + or #, and must not be empty.',
  },
  0x91: {
    name: 'Packet Identifier in use',
    text: 'The packet id is already in use.',
    hint: 'A client/broker state mismatch; reconnecting clears it.',
  },
  0x92: {
    name: 'Packet Identifier not found',
    text: 'The broker does not know this packet id.',
    hint: 'A session state mismatch after a reconnect; harmless for QoS 1, may duplicate a message.',
  },
  0x93: {
    name: 'Receive Maximum exceeded',
    text: 'We sent more unacknowledged messages than the broker allows.',
    hint: 'A client bug; report it. The app reconnects and resends from the outbox.',
  },
  0x94: {
    name: 'Topic Alias invalid',
    text: 'The broker rejects a topic alias.',
    hint: 'A client bug; report it.',
  },
  0x95: {
    name: 'Packet too large',
    text: 'The packet is larger than the broker accepts.',
    hint: "Send a smaller payload; the broker's maximum packet size applies.",
  },
  0x96: {
    name: 'Message rate too high',
    text: 'We publish faster than the broker allows.',
    hint: 'Publish less often; the broker limits the rate per client.',
  },
  0x97: {
    name: 'Quota exceeded',
    text: 'A quota set by the broker was exceeded.',
    hint: 'Wait or ask the operator to raise the quota (messages, bytes or subscriptions per client).',
  },
  0x98: {
    name: 'Administrative action',
    text: 'An administrator disconnected this client.',
    hint: 'Ask the broker operator why; the app reconnects.',
  },
  0x99: {
    name: 'Payload format invalid',
    text: 'The payload does not match its declared format.',
    hint: 'The message says it is UTF-8 text (payload format indicator 1) but is not; send valid UTF-8 or drop the indicator.',
  },
  0x9a: {
    name: 'Retain not supported',
    text: 'The broker does not support retained messages.',
    hint: 'Publish without the retain flag.',
  },
  0x9b: {
    name: 'QoS not supported',
    text: 'The broker does not support this QoS.',
    hint: 'Use a lower QoS (the broker announces its maximum in the CONNACK).',
  },
  0x9c: {
    name: 'Use another server',
    text: 'The broker tells us to use another server, temporarily.',
    hint: 'Connect to the server the broker names (server reference), or ask the operator.',
  },
  0x9d: {
    name: 'Server moved',
    text: 'The broker has moved permanently to another server.',
    hint: 'Change ip/host in the profile to the server the broker names (server reference).',
  },
  0x9e: {
    name: 'Shared Subscriptions not supported',
    text: 'The broker does not support shared subscriptions ($share/…).',
    hint: 'Subscribe without the $share/<group>/ prefix.',
  },
  0x9f: {
    name: 'Connection rate exceeded',
    text: 'We connect too often.',
    hint: 'The app waits longer between attempts. If another client uses the same client_id, the two keep kicking each other: give each a unique id.',
  },
  0xa0: {
    name: 'Maximum connect time',
    text: 'The broker limits how long a connection may stay open; the time is up.',
    hint: 'Expected with this broker; the app reconnects.',
  },
  0xa1: {
    name: 'Subscription Identifiers not supported',
    text: 'The broker does not support subscription identifiers.',
    hint: 'Subscribe without a subscription identifier.',
  },
  0xa2: {
    name: 'Wildcard Subscriptions not supported',
    text: 'The broker does not support wildcard subscriptions (+ or #).',
    hint: 'Subscribe to exact topic names.',
  },
};

/** The words for an MQTT 5 reason code, in the packet it came in; unknown codes say so. */
export function explainReasonCode(
  code: number,
  packet: ReasonPacket,
): { name: string; text: string; hint: string | null } {
  const info = MQTT5_REASON_CODES[code];
  if (!info) {
    return {
      name: `Unknown reason code ${code}`,
      text: `The broker answered with reason code ${code} (0x${code.toString(16).padStart(2, '0')}), which MQTT 5 does not define.`,
      hint: code >= 0x80 ? "It is an error code; check the broker's log." : null,
    };
  }
  return { name: info.name, text: info.text, hint: info.hints?.[packet] ?? info.hint };
}
