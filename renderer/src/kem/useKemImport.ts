import { useCallback, useState } from 'react';
import { KEM_TOO_LARGE, KEM_UPLOAD_MAX_BYTES } from '../../../shared/kem-limits';
import type { KemImportLine, KemPreview } from '../../../shared/kem';
import type { BridgeErrorInfo } from '../../../shared/ipc/result';
import { useGatewayStore } from '../store/hooks';
import { canImport, initialSelection, replacementsAmong, toBase64 } from './kem-choices';

export interface KemImportState {
  /** The chosen file, read and ready to send. */
  file: { name: string; base64: string } | null;
  password: string;
  /** The meters the file lists, once main has read it (never their keys). */
  preview: KemPreview | null;
  selected: ReadonlySet<string>;
  /** Ticked meters whose monitored key would be replaced: the question is open while set. */
  confirming: string[] | null;
  busy: 'reading' | 'preview' | 'import' | null;
  error: BridgeErrorInfo | null;
  outcome: { results: KemImportLine[]; note: string | null } | null;
  /** Changes when the form starts afresh, so the file input forgets the file it showed. */
  round: number;
}

export interface KemImport extends KemImportState {
  chooseFile(file: File): void;
  setPassword(password: string): void;
  showMeters(): void;
  toggle(id: string): void;
  setAll(ticked: boolean): void;
  importChosen(): void;
  /** The technician's answer to "replace these keys?": import with them replaced, or go back. */
  answerReplace(replace: boolean): void;
}

const EMPTY: KemImportState = {
  file: null,
  password: '',
  preview: null,
  selected: new Set(),
  confirming: null,
  busy: null,
  error: null,
  outcome: null,
  round: 0,
};

const localError = (message: string): BridgeErrorInfo => ({ code: 'BAD_REQUEST', message });

/**
 * `kem.preview` and `kem.import` as the import form needs them. The import's answer carries a
 * fresh status, which goes to the store so the new meters show at once. After an import the file
 * and the password are forgotten: they must not linger in the page.
 */
export function useKemImport(): KemImport {
  const store = useGatewayStore();
  const [state, setState] = useState<KemImportState>(EMPTY);
  const update = useCallback((change: Partial<KemImportState>) => setState((s) => ({ ...s, ...change })), []);

  const chooseFile = useCallback(
    (file: File) => {
      setState((s) => ({ ...EMPTY, round: s.round, password: s.password, busy: 'reading' }));
      if (file.size > KEM_UPLOAD_MAX_BYTES) return update({ busy: null, error: localError(KEM_TOO_LARGE) });
      void file.arrayBuffer().then(
        (buffer) =>
          update({ busy: null, file: { name: file.name, base64: toBase64(new Uint8Array(buffer)) } }),
        (error: Error) =>
          update({ busy: null, error: localError(`${file.name} cannot be read: ${error.message}`) }),
      );
    },
    [update],
  );

  const showMeters = useCallback(() => {
    if (!state.file) return;
    update({ busy: 'preview', error: null, preview: null, outcome: null, confirming: null });
    void store.api.kem
      .preview({ file: state.file.base64, password: state.password })
      .then((result) =>
        update(
          result.ok
            ? { busy: null, preview: result.value, selected: initialSelection(result.value) }
            : { busy: null, error: result.error },
        ),
      );
  }, [state.file, state.password, store, update]);

  const send = useCallback(
    (replace: string[]) => {
      const { file, password, selected } = state;
      if (!file) return;
      update({ busy: 'import', error: null, confirming: null });
      const request = store.api.kem.import({ file: file.base64, password, ids: [...selected], replace });
      // The fresh status in the answer goes to the store, in revision order like every other.
      void store.statusFrom(request.then((r) => (r.ok ? { ok: true, value: r.value.status } : r)));
      void request.then((result) =>
        setState((s) =>
          result.ok
            ? {
                ...EMPTY,
                round: s.round + 1,
                outcome: { results: result.value.results, note: result.value.note },
              }
            : { ...s, busy: null, error: result.error },
        ),
      );
    },
    [state, store, update],
  );

  const importChosen = useCallback(() => {
    if (!state.preview) return;
    const replacements = replacementsAmong(state.preview, state.selected);
    if (replacements.length > 0) update({ confirming: replacements });
    else send([]);
  }, [send, state.preview, state.selected, update]);

  const answerReplace = useCallback(
    (replace: boolean) => (replace ? send(state.confirming ?? []) : update({ confirming: null })),
    [send, state.confirming, update],
  );

  const toggle = useCallback(
    (id: string) =>
      setState((s) => {
        const selected = new Set(s.selected);
        if (!selected.delete(id)) selected.add(id);
        return { ...s, selected, confirming: null };
      }),
    [],
  );

  const setAll = useCallback(
    (ticked: boolean) =>
      setState((s) => ({
        ...s,
        confirming: null,
        selected:
          ticked && s.preview ? new Set(s.preview.meters.filter(canImport).map((m) => m.id)) : new Set(),
      })),
    [],
  );

  return {
    ...state,
    chooseFile,
    setPassword: (password) => update({ password, error: null }),
    showMeters,
    toggle,
    setAll,
    importChosen,
    answerReplace,
  };
}
