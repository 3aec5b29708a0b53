import { useRef, useState } from 'react';
import type { ConnectionOutcome } from '../../../shared/mqtt/types';
import type { ProfileFile } from '../../../shared/profile-form';
import type { BridgeErrorInfo } from '../../../shared/ipc/result';
import { useAppInfo, useGatewayApi, useSettings } from '../store/hooks';
import { ProfileForm } from './ProfileForm';
import { newProfileForm, profileForm, type FormState } from './profile-form-model';
import { ProfilesPanel } from './ProfilesPanel';
import { ProfileToolbar } from './ProfileToolbar';
import { TestResult } from './TestResult';
import { useProfileFile } from './useProfileFile';
import './profiles.css';

interface Editing {
  form: FormState;
  hash: string | null;
}

/** The profile list, its actions, and the profile form. */
export function ProfilesScreen() {
  const settings = useSettings();
  const api = useGatewayApi();
  const filePicker = useAppInfo().value?.filePicker ?? false;
  const profileFile = useProfileFile(settings.view?.loadedAt ?? null);
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [listTest, setListTest] = useState<{ name: string; outcome: ConnectionOutcome | null } | null>(null);
  const [error, setError] = useState<BridgeErrorInfo | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const formRef = useRef<HTMLDivElement>(null);

  const file = profileFile.file;
  const names = file?.profiles.map((p) => p.name) ?? [];
  const loaded = new Set(settings.view?.profiles.map((p) => p.name) ?? []);
  const broken = names.filter((name) => !loaded.has(name));

  const open = (form: FormState) => {
    setEditing({ form, hash: file?.hash ?? null });
    setNotice(null);
    setError(null);
    requestAnimationFrame(() => formRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
  };
  const openSaved = (name: string, duplicate = false) => {
    const profile = file?.profiles.find((p) => p.name === name);
    if (profile && !profile.refusal) open(profileForm(profile, duplicate, names));
  };
  /** A test result says nothing about a profile since deleted or changed. */
  const forgetTest = (name: string | null) => setListTest((shown) => (shown?.name === name ? null : shown));
  const test = async (name: string) => {
    setListTest({ name, outcome: null });
    setError(null);
    const result = await api.profiles.test({ name });
    if (result.ok) setListTest({ name, outcome: result.value });
    else {
      setListTest(null);
      setError(result.error);
    }
  };
  const remove = async (name: string) => {
    const result = await api.profiles.delete({ name, hash: file?.hash ?? null });
    if (!result.ok) return setError(result.error);
    profileFile.replace(result.value);
    setSelected(null);
    forgetTest(name);
    setNotice(
      `Deleted “${name}” from ${result.value.file ?? 'the settings file'} (the previous version is kept as .bak).`,
    );
  };
  const saved = (next: ProfileFile, name: string) => {
    forgetTest(editing?.form.originalName ?? null);
    profileFile.replace(next);
    setEditing(null);
    setSelected(name);
    setNotice(`Saved “${name}” in ${next.file ?? 'the settings file'}.`);
  };
  const reload = async () => {
    const fresh = await profileFile.refresh();
    if (!fresh || !editing) return;
    const original = editing.form.originalName;
    const profile = original === null ? null : fresh.profiles.find((p) => p.name === original);
    if (original !== null && !profile) {
      setEditing(null);
      setError({
        code: 'NOT_FOUND',
        message: `The profile “${original}” is no longer in the settings file.`,
      });
      return;
    }
    // An edit starts again from the file as it is now; a new profile keeps what was typed.
    setEditing({
      form: profile
        ? profileForm(
            profile,
            false,
            fresh.profiles.map((p) => p.name),
          )
        : editing.form,
      hash: fresh.hash,
    });
  };

  const selectedProfile = file?.profiles.find((p) => p.name === selected) ?? null;
  return (
    <div className="profiles-screen">
      <ProfilesPanel
        state={settings}
        controls={{
          selected,
          onSelect: setSelected,
          onOpen: (name) => openSaved(name),
          broken,
          toolbar: (
            <ProfileToolbar
              selected={selected}
              editable={selectedProfile}
              fileRefusal={file?.refusal ?? profileFile.error?.message ?? null}
              testable={selected !== null && loaded.has(selected) && selected !== 'demo'}
              testing={listTest !== null && listTest.outcome === null}
              onNew={() => open(newProfileForm())}
              onEdit={() => selected && openSaved(selected)}
              onDuplicate={() => selected && openSaved(selected, true)}
              onTest={() => selected && void test(selected)}
              onDelete={(name) => void remove(name)}
              notice={notice}
              error={error}
            />
          ),
        }}
      />
      {listTest?.outcome && (
        <div className="panel list-test">
          <TestResult outcome={listTest.outcome} title={`Connection test of “${listTest.name}”`} />
        </div>
      )}
      <div ref={formRef}>
        {editing && (
          <ProfileForm
            // A form filled from another version of the file starts afresh (no stale conflict).
            key={`${editing.form.originalName ?? ''}:${editing.hash ?? ''}`}
            form={editing.form}
            onChange={(form) => setEditing({ ...editing, form })}
            hash={editing.hash}
            takenNames={names}
            filePicker={filePicker}
            onSaved={saved}
            onCancel={() => setEditing(null)}
            onReload={() => void reload()}
          />
        )}
      </div>
    </div>
  );
}

/** On the Profiles tab: how many settings errors there are, so they are seen from any screen. */
export function SettingsErrorsBadge() {
  const errors = useSettings().view?.problems.filter((p) => p.severity === 'error').length ?? 0;
  if (errors === 0) return null;
  return (
    <span className="tab-badge" aria-label={`${errors} settings errors`}>
      {errors}
    </span>
  );
}
