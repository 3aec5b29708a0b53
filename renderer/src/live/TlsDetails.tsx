import type { TlsDetails as TlsDetailsView } from '../../../shared/mqtt/types';
import { certificateValidity, formatCertificateDate } from './cert-dates';

/** What the TLS handshake settled on and whom we talk to, so a certificate problem can be read off. */
export function TlsDetails({ tls, now }: { tls: TlsDetailsView; now: number }) {
  const peer = tls.peer;
  const validity = peer ? certificateValidity(peer.validFrom, peer.validTo, now) : null;
  return (
    <div className="tls" aria-label="TLS details">
      <h3>TLS</h3>
      {tls.insecure && (
        <p className="problem error">
          Certificate verification is switched off (tls_insecure) for this profile.
        </p>
      )}
      <dl className="facts">
        <dt>Protocol</dt>
        <dd>
          {tls.protocol ?? '—'}
          {tls.cipher && <span className="muted"> · {tls.cipher}</span>}
          {tls.alpnProtocol && <span className="muted"> · ALPN {tls.alpnProtocol}</span>}
        </dd>
        <dt>Verified</dt>
        <dd className={tls.authorized ? 'ok-text' : 'error-text'}>
          {tls.authorized ? 'yes' : `no${tls.authorizationError ? ` — ${tls.authorizationError}` : ''}`}
          {tls.servername && <span className="muted"> · server name {tls.servername}</span>}
        </dd>
        {peer && (
          <>
            <dt>Subject</dt>
            <dd>
              <code>{peer.subject}</code>
            </dd>
            <dt>Issuer</dt>
            <dd>
              <code>{peer.issuer}</code>
            </dd>
            <dt>Valid</dt>
            <dd>
              {formatCertificateDate(peer.validFrom)} → {formatCertificateDate(peer.validTo)}
              {validity && (
                <>
                  {' · '}
                  <span className={`${validity.tone}-text`} data-cert-expiry={validity.tone}>
                    {validity.words}
                  </span>
                </>
              )}
            </dd>
            {peer.subjectAltNames.length > 0 && (
              <>
                <dt>Names</dt>
                <dd>{peer.subjectAltNames.join(', ')}</dd>
              </>
            )}
            <dt>SHA-256</dt>
            <dd>
              <code className="fingerprint">{peer.fingerprint256}</code>
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}
