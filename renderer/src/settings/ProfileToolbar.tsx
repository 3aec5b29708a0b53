import { useState } from 'react';
import type { EditableProfile } from '../../../shared/profile-form';
import type { BridgeErrorInfo } from '../../../shared/ipc/result';

/** New, edit, duplicate, test and delete, acting on the selected row of the profile list. */
export function ProfileToolbar({
  selected,
  editable,
  fileRefusal,
  testable,
  testing,
  onNew,
  onEdit,
  onDuplicate,
  onTest,
  onDelete,
  notice,
  error,
}: {
  selected: string | null;
  /** The selected profile as the file holds it (null: the demo, or none selected). */
  editable: EditableProfile | null;
  fileRefusal: string | null;
  testable: boolean;
  testing: boolean;
  onNew: () => void;
  onEdit: () => void;
  onDuplicate: () => void;
  onTest: () => void;
  onDelete: (name: string) => void;
  notice: string | null;
  error: BridgeErrorInfo | null;
}) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const canEdit = editable !== null && editable.refusal === null && fileRefusal === null;
  return (
    <>
      <div className="toolbar" role="toolbar" aria-label="Profile actions">
        <button type="button" className="primary" onClick={onNew} disabled={fileRefusal !== null}>
          New profile
        </button>
        <span className="toolbar-sep" />
        <button type="button" onClick={onEdit} disabled={!canEdit}>
          Edit
        </button>
        <button type="button" onClick={onDuplicate} disabled={!canEdit}>
          Duplicate
        </button>
        <button type="button" onClick={onTest} disabled={!testable || testing}>
          {testing ? 'Testing…' : 'Test connection'}
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => setConfirming(selected)}
          disabled={editable === null || fileRefusal !== null}
        >
          Delete
        </button>
        <span className="muted toolbar-hint">
          {selected === null
            ? 'Select a profile to edit, duplicate, test or delete it.'
            : `Selected: ${selected}`}
        </span>
      </div>
      {confirming !== null && confirming === selected && (
        <div className="confirm" role="alertdialog" aria-label="Confirm delete">
          <span>
            Delete the profile “{confirming}” from the settings file? The previous file is kept as .bak.
          </span>
          <button
            type="button"
            className="danger"
            onClick={() => {
              setConfirming(null);
              onDelete(confirming);
            }}
          >
            Delete “{confirming}”
          </button>
          <button type="button" className="quiet" onClick={() => setConfirming(null)}>
            Cancel
          </button>
        </div>
      )}
      {fileRefusal && <p className="problem warning">{fileRefusal}</p>}
      {editable?.refusal && (
        <p className="problem warning">
          “{editable.name}” cannot be changed here: {editable.refusal}.
        </p>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p className="problem error" role="alert">
          {error.message}
        </p>
      )}
    </>
  );
}
