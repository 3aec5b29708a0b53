// `npm run security`: Electronegativity over the app's sources. Fails on any HIGH or MEDIUM finding
// that is not a review note, and on any file it could not parse (an unchecked file is no pass).
import fs from 'node:fs';
import path from 'node:path';
import {
  blockingFindings,
  countBySeverity,
  describeFinding,
  scan,
  type ScanOptions,
} from './electronegativity';

const root = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};
const electronVersion = pkg.devDependencies['electron']!;

// electron/: main, preload, core and CLI, with the app-wide checks. renderer/: the UI, per file only.
const targets: Array<Omit<ScanOptions, 'electronVersion'>> = [
  { input: path.join(root, 'electron') },
  { input: path.join(root, 'renderer'), atomicOnly: true },
];

let failed = false;
for (const target of targets) {
  const name = path.relative(root, target.input);
  const result = await scan({ ...target, electronVersion });
  const counts = countBySeverity(result.findings);
  console.log(`\nElectronegativity ${name}/ (Electron ${electronVersion}):`);
  for (const [severity, c] of Object.entries(counts)) {
    console.log(`  ${severity.padEnd(13)} ${c.findings} finding(s), ${c.reviewNotes} review note(s)`);
  }
  for (const finding of result.findings) console.log(`  - ${describeFinding(finding)}`);
  for (const error of result.parseErrors.filter((e) => !e.tolerable)) {
    console.log(`  ! could not parse ${error.file}: ${error.message}`);
    failed = true;
  }
  const blocking = blockingFindings(result.findings);
  if (blocking.length > 0) {
    console.log(`  ${blocking.length} HIGH/MEDIUM finding(s) in ${name}/ must be fixed.`);
    failed = true;
  }
}
console.log(failed ? '\nsecurity: FAILED' : '\nsecurity: no HIGH or MEDIUM findings');
process.exit(failed ? 1 : 0);
