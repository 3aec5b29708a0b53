import { useState, type DragEvent, type FormEvent } from 'react';
import { KEM_FILE_TYPES } from '../../../shared/kem-limits';
import type { KemPreview } from '../../../shared/kem';
import { ErrorLine } from '../common/ErrorLine';
import { canImport, importSummary, meterStatus } from './kem-choices';
import { useKemImport, type KemImport as KemImportModel } from './useKemImport';
import './kem.css';

/**
 * "Import KEM file…" where the monitored meters are managed: pick or drop a .kem, .kem2 or .zip,
 * type its password, see the meters it lists (model, serial, type, driver), tick which to monitor.
 * Main reads the file; keys never come to this page.
 */
export function KemImport() {
  const [open, setOpen] = useState(false);
  const kem = useKemImport();
  if (!open)
    return (
      <div className="kem-import closed">
        <button type="button" onClick={() => setOpen(true)}>
          Import KEM file…
        </button>
        <Outcome kem={kem} />
      </div>
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    kem.showMeters();
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    const file = event.dataTransfer.files[0];
    if (file) kem.chooseFile(file);
  };
  return (
    <form
      className="kem-import"
      aria-label="Import a KEM key file"
      onSubmit={submit}
      onDragOver={(e) => e.preventDefault()}
      onDrop={drop}
      noValidate
    >
      <h3>Import a Kamstrup KEM key file</h3>
      <div className="field">
        <label htmlFor="kem-file">
          KEM file <span className="muted">(.kem, .kem2 or a .zip holding one; or drop it here)</span>
        </label>
        <input
          key={kem.round}
          id="kem-file"
          type="file"
          accept={KEM_FILE_TYPES}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) kem.chooseFile(file);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor="kem-password">
          Password <span className="muted">(from the supplier; often the customer number)</span>
        </label>
        <input
          id="kem-password"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={kem.password}
          onChange={(e) => kem.setPassword(e.target.value)}
        />
      </div>
      <button type="submit" className="primary" disabled={!kem.file || kem.busy !== null}>
        {kem.busy === 'preview' ? 'Reading…' : 'Show meters'}
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        Close
      </button>
      <ErrorLine error={kem.error} />
      {kem.preview && <MeterChoice kem={kem} preview={kem.preview} />}
      <Outcome kem={kem} />
    </form>
  );
}

function MeterChoice({ kem, preview }: { kem: KemImportModel; preview: KemPreview }) {
  const importable = preview.meters.filter(canImport);
  const chosen = kem.selected.size;
  return (
    <div className="kem-choice">
      <p className="muted" role="status">
        {preview.meters.length} meter{preview.meters.length === 1 ? '' : 's'} in{' '}
        {preview.entryName ? `${preview.entryName} (in the zip archive)` : (kem.file?.name ?? 'the file')}.
        {!preview.encrypted && ' This file is not encrypted: anyone who had it could read its keys.'}
      </p>
      <div className="kem-table-scroll">
        <table className="kem-table">
          <thead>
            <tr>
              <th>
                <input
                  type="checkbox"
                  aria-label="Monitor every meter that can be imported"
                  checked={importable.length > 0 && chosen === importable.length}
                  onChange={(e) => kem.setAll(e.target.checked)}
                />
              </th>
              <th>Model</th>
              <th>Serial (wM-Bus id)</th>
              <th>Type</th>
              <th>Driver</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {preview.meters.map((m) => {
              const status = meterStatus(m);
              return (
                <tr key={m.index} data-kem-meter={m.id} data-importable={canImport(m)}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Monitor meter ${m.id}`}
                      disabled={!canImport(m)}
                      checked={kem.selected.has(m.id)}
                      onChange={() => kem.toggle(m.id)}
                    />
                  </td>
                  <td>{m.model || '—'}</td>
                  <td>
                    <code>{m.id || '—'}</code>
                  </td>
                  <td>{m.consumption || '—'}</td>
                  <td>{m.driver?.label ?? <span className="muted">none known</span>}</td>
                  <td className={`kem-status ${status.tone}`}>{status.words}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {kem.confirming ? (
        <div className="kem-confirm" role="alertdialog" aria-label="Replace monitored keys?">
          <p>
            {kem.confirming.length === 1
              ? `Meter ${kem.confirming[0]} is monitored with another key.`
              : `${kem.confirming.length} meters (${kem.confirming.join(', ')}) are monitored with other keys.`}{' '}
            Replace {kem.confirming.length === 1 ? 'its key' : 'their keys'} with the file&apos;s?
          </p>
          <button type="button" className="primary" onClick={() => kem.answerReplace(true)}>
            Replace and import
          </button>
          <button type="button" onClick={() => kem.answerReplace(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="primary"
          disabled={chosen === 0 || kem.busy !== null}
          onClick={kem.importChosen}
        >
          {kem.busy === 'import' ? 'Importing…' : `Import ${chosen} meter${chosen === 1 ? '' : 's'}`}
        </button>
      )}
    </div>
  );
}

function Outcome({ kem }: { kem: KemImportModel }) {
  if (!kem.outcome) return null;
  const refused = kem.outcome.results.filter((r) => !r.imported);
  return (
    <div className="kem-outcome">
      <p className="ok-text" role="status">
        {importSummary(kem.outcome.results)}
        {kem.outcome.note && ` ${kem.outcome.note}`}
      </p>
      {refused.length > 0 && (
        <ul className="kem-refused">
          {refused.map((r) => (
            <li key={r.id} data-kem-refused={r.id}>
              <code>{r.id}</code> {r.model}: {r.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
