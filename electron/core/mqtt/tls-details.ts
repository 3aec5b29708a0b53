import { connect, type ConnectionOptions, type PeerCertificate, type TLSSocket } from 'node:tls';
import type { CertificateSummary, TlsDetails } from '../../../shared/mqtt/types';

/** What a technician wants to see about a TLS session: version, cipher and the broker's certificate. */
export function tlsDetailsOf(socket: TLSSocket, insecure: boolean): TlsDetails {
  const authorizationError = socket.authorizationError as unknown;
  return {
    protocol: socket.getProtocol() ?? null,
    cipher: socket.getCipher()?.name ?? null,
    alpnProtocol: typeof socket.alpnProtocol === 'string' ? socket.alpnProtocol : null,
    servername: typeof socket.servername === 'string' ? socket.servername : null,
    authorized: socket.authorized,
    authorizationError:
      authorizationError === null || authorizationError === undefined
        ? null
        : ((authorizationError as { code?: string }).code ?? String(authorizationError)),
    insecure,
    peer: summarizeCertificate(socket.getPeerCertificate(false)),
  };
}

/** null for the empty object Node returns when there is no certificate. */
export function summarizeCertificate(cert: PeerCertificate | undefined | null): CertificateSummary | null {
  if (!cert || Object.keys(cert).length === 0 || !cert.subject) return null;
  return {
    subject: distinguishedName(cert.subject),
    issuer: distinguishedName(cert.issuer),
    subjectAltNames: cert.subjectaltname ? cert.subjectaltname.split(/,\s*/) : [],
    validFrom: isoDate(cert.valid_from),
    validTo: isoDate(cert.valid_to),
    serialNumber: cert.serialNumber ?? '',
    fingerprint256: cert.fingerprint256 ?? '',
  };
}

function distinguishedName(name: object | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ');
}

function isoDate(text: string | undefined): string {
  const date = new Date(text ?? '');
  return Number.isNaN(date.getTime()) ? (text ?? '') : date.toISOString();
}

/** Verification failures after which it is worth looking at what the broker presented. */
export const CERTIFICATE_ERRORS = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'INVALID_CA',
]);

/**
 * After a failed verification Node has already thrown the TLS state away, so we do one more
 * handshake without verification to see the broker's certificate. It sends no application data
 * (no CONNECT, no credentials) and is closed right after the handshake.
 */
export function inspectPeerCertificate(
  options: ConnectionOptions,
  timeoutMs: number,
): Promise<TlsDetails | null> {
  return new Promise((resolve) => {
    let socket: TLSSocket;
    const done = (details: TlsDetails | null) => {
      clearTimeout(timer);
      socket?.destroy();
      resolve(details);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    try {
      socket = connect({ ...options, rejectUnauthorized: false });
    } catch {
      done(null);
      return;
    }
    socket.once('secureConnect', () => done(tlsDetailsOf(socket, false)));
    socket.once('error', () => done(null));
  });
}
