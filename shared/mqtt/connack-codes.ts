// CONNACK return codes of MQTT 3.1.1 (§3.2.2.3), the original gateway's table, in words.
import { explainReasonCode } from './reason-codes';

export type ProtocolVersion = 4 | 5;

export interface CodeExplanation {
  code: number;
  text: string;
  hint: string | null;
}

export const MQTT311_CONNACK_CODES: Readonly<Record<number, { text: string; hint: string | null }>> = {
  0: { text: 'Connection accepted.', hint: null },
  1: {
    text: 'Connection refused: unacceptable protocol version.',
    hint: 'The broker does not speak MQTT 3.1.1; try protocol_version: 5, or ask which version the broker supports.',
  },
  2: {
    text: 'Connection refused: identifier rejected.',
    hint: 'The broker rejects our client id: set client_id to one it allows (at most 23 letters and digits for strict brokers; some require it to match the user name), or remove it to use a generated id.',
  },
  3: {
    text: 'Connection refused: server unavailable.',
    hint: 'The broker is running but its MQTT service is not available (starting, overloaded or in maintenance); the app retries. If it persists, contact the broker operator.',
  },
  4: {
    text: 'Connection refused: bad user name or password.',
    hint: 'Check username and password in the profile (passwords are case-sensitive; quote them in YAML).',
  },
  5: {
    text: 'Connection refused: not authorised.',
    hint:
      'Mosquitto answers a wrong password with 5 (not 4): check username and password first. If they are right, ' +
      "the broker's access rules (ACL) do not allow this user or client id to connect, or it requires a client certificate.",
  },
};

/** The CONNACK code in words, for the protocol version that was spoken. */
export function explainConnack(code: number, protocolVersion: ProtocolVersion): CodeExplanation {
  if (protocolVersion === 5) {
    if (code === 0) return { code, text: 'Connection accepted.', hint: null };
    const info = explainReasonCode(code, 'connack');
    return { code, text: `Connection refused: ${lowerFirst(info.text)}`, hint: info.hint };
  }
  const info = MQTT311_CONNACK_CODES[code];
  if (info) return { code, ...info };
  return {
    code,
    text: `Connection refused with return code ${code}, which MQTT 3.1.1 does not define.`,
    hint: "Check the broker's log; the broker may speak a different protocol version.",
  };
}

/** Codes after which trying again later can succeed without changing the profile. */
export function isTransientRefusal(code: number, protocolVersion: ProtocolVersion): boolean {
  return protocolVersion === 5 ? [0x88, 0x89, 0x8b, 0x9f].includes(code) : code === 3;
}

/** One SUBACK entry: granted QoS, or a refusal in words (0x80 in 3.1.1; ≥ 0x80 in MQTT 5). */
export function explainSubackCode(code: number, protocolVersion: ProtocolVersion): CodeExplanation {
  if (code <= 2) {
    return {
      code,
      text: `Granted with QoS ${code}.`,
      // Seen with Mosquitto 2.0.11: its acl_file is not checked on SUBSCRIBE, only on delivery.
      hint: 'If nothing arrives: some brokers (Mosquitto with an acl_file) grant a subscription and then deliver only what the ACL allows this user to read.',
    };
  }
  if (protocolVersion === 4 && code === 0x80) {
    return {
      code,
      text: 'Subscription refused by the broker (failure, 0x80).',
      hint:
        "The broker's access rules (ACL) do not allow this user to read this topic, or the topic filter is not allowed. " +
        "Check the topic's spelling and the ACL for this user.",
    };
  }
  const info = explainReasonCode(code, 'suback');
  return { code, text: `Subscription refused: ${lowerFirst(info.text)}`, hint: info.hint };
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
