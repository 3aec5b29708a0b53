// Failures that are not broker answers: Node network and TLS error codes (docs/ARCHITECTURE.md § MQTT), plus the
// app's own ERR_… codes for timeouts and closed connections. Texts may name {endpoint} (host:port),
// {host}, {port}, {name} (the name checked against the certificate) and {timeout} (seconds).

export type FailureKind = 'network' | 'tls' | 'timeout' | 'closed' | 'protocol' | 'config';

export interface FailureInfo {
  kind: FailureKind;
  text: string;
  hint: string;
  /** Whether trying again later can help without changing the profile. */
  retryable: boolean;
}

const PORTS = 'usually 1883 plain, 8883 TLS, 443 or 80 for WebSockets';
const SELF_SIGNED =
  "The broker's certificate is not signed by an authority this computer trusts (a private or self-signed CA). " +
  "Set ca_file to the broker's CA certificate (PEM).";

const net = (text: string, hint: string, retryable = true): FailureInfo => ({
  kind: 'network',
  text,
  hint,
  retryable,
});
const tls = (text: string, hint: string): FailureInfo => ({ kind: 'tls', text, hint, retryable: false });

export const FAILURES: Readonly<Record<string, FailureInfo>> = {
  ECONNREFUSED: net(
    'Connection refused: {host} answered, but nothing accepts connections on port {port}.',
    `Check the port (${PORTS}), that the broker is running, and that no firewall rejects the connection.`,
  ),
  ENOTFOUND: net(
    'The host name {host} could not be found (DNS).',
    'Check the spelling of ip/host in the profile, and that this computer is online and can resolve names.',
  ),
  EAI_AGAIN: net(
    'The name server did not answer for {host} (temporary DNS failure).',
    'Check the network connection; the app retries.',
  ),
  ETIMEDOUT: net(
    'No answer from {endpoint}: the connection timed out.',
    'A firewall may drop the packets silently, the address may be wrong, or the network is down. Check the port and that this network allows outgoing connections to it.',
  ),
  ECONNRESET: net(
    'The connection to {endpoint} was reset by the other side.',
    'The broker, a proxy or a firewall cut the connection. If it happens right after connecting: TLS on a plain port or the other way round (check tls and port), or another client with the same client_id.',
  ),
  EPIPE: net(
    'The connection to {endpoint} broke while sending.',
    'The broker closed the connection; the app reconnects.',
  ),
  EHOSTUNREACH: net(
    'No route to {host}.',
    'Check the network connection, VPN and the address in the profile.',
  ),
  ENETUNREACH: net(
    'The network of {host} is unreachable.',
    'This computer is offline or has no route there (VPN?).',
  ),
  ENETDOWN: net('The network is down.', "Check this computer's network connection."),
  EADDRNOTAVAIL: net(
    'The address {host} cannot be used from this computer.',
    'Check the address in the profile.',
  ),
  ERR_CONNECT_TIMEOUT: {
    kind: 'timeout',
    text: 'No answer from {endpoint} within {timeout} s: the connection could not even be opened.',
    hint: 'A firewall probably drops the packets silently, or the address is wrong or offline. Check ip/host and port, and whether this network allows outgoing connections to that port.',
    retryable: true,
  },
  ERR_TLS_HANDSHAKE_TIMEOUT: {
    kind: 'timeout',
    text: '{endpoint} accepted the connection but did not complete the TLS handshake within {timeout} s.',
    hint: 'The port may not speak TLS (set tls: false, or use the TLS port, usually 8883), or a proxy holds the connection.',
    retryable: true,
  },
  ERR_CONNACK_TIMEOUT: {
    kind: 'timeout',
    text: '{endpoint} accepted the connection but did not answer CONNECT within {timeout} s.',
    hint: 'The port may belong to something that is not an MQTT broker (or expects TLS, or WebSockets), or the broker is overloaded. Check port, tls and transport.',
    retryable: true,
  },
  ERR_KEEPALIVE_TIMEOUT: {
    kind: 'timeout',
    text: 'The broker stopped answering pings (keepalive timeout).',
    hint: 'The network dropped or the computer slept; the app reconnects. Unsent messages stay in the outbox.',
    retryable: true,
  },
  ERR_CONNECTION_CLOSED: {
    kind: 'closed',
    text: 'The broker closed the connection.',
    hint: 'If this repeats right after every connect, another client uses the same client_id (the broker disconnects the older one): give each client a unique id. Mosquitto also disconnects clients that break its limits or rules.',
    retryable: true,
  },
  ERR_CLOSED_BEFORE_CONNACK: {
    kind: 'closed',
    text: '{endpoint} closed the connection before answering CONNECT.',
    hint: 'Check tls and port (a TLS port closes plain connections), the protocol_version (4 or 5), and whether the broker requires a client certificate (cert_file / key_file).',
    retryable: true,
  },
  ERR_KICKED_REPEATEDLY: {
    kind: 'closed',
    text: 'The broker accepted the connection but closed it again shortly after, several times in a row.',
    hint: 'Another client is probably connected with the same client_id, and the broker keeps disconnecting the older one: give each client a unique client_id (or remove it to use a generated one).',
    retryable: true,
  },
  ERR_SERVER_DISCONNECT: {
    kind: 'closed',
    text: 'The broker ended the session.',
    hint: "See the broker's reason; the app reconnects when that can help.",
    retryable: true,
  },
  ERR_WS_UNEXPECTED_RESPONSE: {
    kind: 'protocol',
    text: '{endpoint} answered the WebSocket upgrade with an HTTP error.',
    hint: 'Check ws_path (often /mqtt) and the port; the server there may not be an MQTT WebSocket endpoint.',
    retryable: false,
  },
  ERR_MQTT_PROTOCOL: {
    kind: 'protocol',
    text: 'The broker sent something that breaks the MQTT protocol.',
    hint: 'Check that the port belongs to an MQTT broker and try the other protocol_version.',
    retryable: true,
  },
  ERR_FILE_UNREADABLE: {
    kind: 'config',
    text: 'A certificate or key file of the profile cannot be read.',
    hint: 'Check ca_file, cert_file and key_file: paths are relative to the settings file.',
    retryable: false,
  },
  ERR_UNKNOWN: {
    kind: 'network',
    text: 'The connection to {endpoint} failed.',
    hint: 'See the error message; check the address, port and tls settings.',
    retryable: true,
  },
  SELF_SIGNED_CERT_IN_CHAIN: tls(
    'The certificate chain of {endpoint} ends in a self-signed CA that is not trusted.',
    SELF_SIGNED,
  ),
  DEPTH_ZERO_SELF_SIGNED_CERT: tls(
    'The broker {endpoint} presents a self-signed certificate.',
    'Set ca_file to that certificate (PEM) to trust it, or ask the operator for a CA-signed one. tls_insecure: true switches checking off, for tests only.',
  ),
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: tls(
    "The broker's certificate cannot be traced to a trusted authority.",
    `${SELF_SIGNED} If ca_file is set, it is not the CA that signed this broker's certificate (or the broker does not send its intermediate certificates).`,
  ),
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: tls(
    "The authority that signed the broker's certificate is not known to this computer.",
    `${SELF_SIGNED} If ca_file is set, check it is the right CA (or add the intermediate).`,
  ),
  UNABLE_TO_GET_ISSUER_CERT: tls(
    "The issuer of the broker's certificate cannot be found.",
    'Set ca_file to a bundle holding the intermediate and root certificates.',
  ),
  CERT_HAS_EXPIRED: tls(
    "The broker's certificate has expired.",
    "Check this computer's clock and date first; if they are right, the broker's operator must renew the certificate.",
  ),
  CERT_NOT_YET_VALID: tls(
    "The broker's certificate is not valid yet.",
    "This computer's clock is probably behind: set the date and time correctly (automatic time).",
  ),
  ERR_TLS_CERT_ALTNAME_INVALID: tls(
    "The broker's certificate is not issued for {name}.",
    'Connect with a name the certificate lists (see the message), or set servername to that name. Certificates list host names and sometimes IP addresses.',
  ),
  HOSTNAME_MISMATCH: tls(
    "The broker's certificate is not issued for {name}.",
    'Connect with a name the certificate lists, or set servername.',
  ),
  CERT_SIGNATURE_FAILURE: tls(
    "The signature of the broker's certificate is invalid.",
    'The certificate is damaged or forged; contact the broker operator.',
  ),
  CERT_REVOKED: tls("The broker's certificate has been revoked.", 'Contact the broker operator.'),
  CERT_UNTRUSTED: tls(
    "The broker's certificate is not trusted for this purpose.",
    'Check ca_file; contact the broker operator.',
  ),
  INVALID_CA: tls(
    'A CA certificate in the chain is not valid as a CA.',
    'Check ca_file; contact the broker operator.',
  ),
  ERR_TLS_HANDSHAKE_CLOSED: {
    kind: 'tls',
    text: '{endpoint} closed the connection during the TLS handshake.',
    hint: 'The port may not speak TLS (set tls: false, or use the TLS port, usually 8883), the broker may require a client certificate (cert_file / key_file), or it does not know the server name we sent (servername).',
    retryable: true,
  },
  ERR_TLS_NOT_AUTHORIZED: tls(
    'The TLS connection to {endpoint} could not be verified.',
    'Check ca_file and servername.',
  ),
  EPROTO: tls(
    'The TLS handshake with {endpoint} failed.',
    'The port may not speak TLS (set tls: false, or use 8883 for TLS), or the broker refuses our TLS version, cipher or client certificate.',
  ),
  ERR_SSL_WRONG_VERSION_NUMBER: tls(
    '{endpoint} does not answer in TLS.',
    "This port speaks plain MQTT: set tls: false, or use the broker's TLS port (usually 8883).",
  ),
  ERR_SSL_PACKET_LENGTH_TOO_LONG: tls(
    '{endpoint} does not answer in TLS.',
    "Set tls: false, or use the broker's TLS port (usually 8883).",
  ),
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: tls(
    'The broker does not trust our client certificate.',
    'cert_file must be signed by a CA the broker trusts; ask the operator which one.',
  ),
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: tls(
    'The broker rejected our client certificate.',
    'Check cert_file and key_file; the broker may require a client certificate it trusts.',
  ),
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: tls(
    'The broker requires a client certificate.',
    'Set cert_file and key_file (and key_passphrase if the key is encrypted).',
  ),
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: tls(
    'The broker refused the TLS handshake.',
    'It may require a client certificate (cert_file / key_file), a TLS version or cipher this computer does not offer, or a different servername.',
  ),
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: tls(
    'The broker and this computer share no TLS version.',
    'Ask the operator which TLS versions the broker accepts.',
  ),
  ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL: tls(
    'The broker accepts none of the ALPN protocols we offered.',
    'Check alpn in the profile (for example [mqtt] or [x-amzn-mqtt-ca]), or remove it.',
  ),
  ERR_SSL_TLSV1_UNRECOGNIZED_NAME: tls(
    'The broker does not know the server name {name} we asked for (SNI).',
    'Check servername / host.',
  ),
  ERR_OSSL_BAD_DECRYPT: {
    kind: 'config',
    text: 'The client key cannot be decrypted.',
    hint: 'key_passphrase is missing or wrong for key_file.',
    retryable: false,
  },
  ERR_OSSL_EVP_BAD_DECRYPT: {
    kind: 'config',
    text: 'The client key cannot be decrypted.',
    hint: 'key_passphrase is missing or wrong for key_file.',
    retryable: false,
  },
  ERR_OSSL_X509_KEY_VALUES_MISMATCH: {
    kind: 'config',
    text: 'The client key does not belong to the client certificate.',
    hint: 'key_file must be the private key of cert_file.',
    retryable: false,
  },
  ERR_OSSL_PEM_NO_START_LINE: {
    kind: 'config',
    text: 'A certificate or key file is not in PEM format.',
    hint: 'ca_file, cert_file and key_file must be PEM text files (-----BEGIN …-----); convert DER files with openssl.',
    retryable: false,
  },
};

export interface FailureContext {
  host: string;
  port: number;
  /** The name checked against the broker's certificate (servername, else the host). */
  name?: string;
  timeoutSeconds?: number;
}

/** A failure code in words for this connection; codes not in the table get ERR_UNKNOWN's words. */
export function explainFailure(code: string, ctx: FailureContext): FailureInfo & { code: string } {
  const info = FAILURES[code] ?? (code.startsWith('ERR_SSL_') ? FAILURES.EPROTO! : FAILURES.ERR_UNKNOWN!);
  const endpoint = ctx.host.includes(':') ? `[${ctx.host}]:${ctx.port}` : `${ctx.host}:${ctx.port}`;
  const fill = (text: string) =>
    text
      .replaceAll('{endpoint}', endpoint)
      .replaceAll('{host}', ctx.host)
      .replaceAll('{port}', String(ctx.port))
      .replaceAll('{name}', ctx.name ?? ctx.host)
      .replaceAll('{timeout}', String(ctx.timeoutSeconds ?? '?'));
  return { code, kind: info.kind, text: fill(info.text), hint: fill(info.hint), retryable: info.retryable };
}
