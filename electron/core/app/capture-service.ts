import fs from 'node:fs';
import path from 'node:path';
import type { CaptureListView, CaptureStatusView } from '../../../shared/capture';
import type { EventHub } from '../bridge/event-hub';
import { CaptureError } from '../capture';
import type { GatewayRuntime, MeterStore } from '../gateway';
import type { Logger } from '../logger';
import { CaptureRecording } from './capture-recording';
import { ReplayRun } from './replay-run';

export interface CaptureServiceOptions {
  /** The user-data folder; captures go to its captures/ folder. Null: recording is not possible. */
  userDataDir: string | null;
  /** "Gateway Diagnostics 0.1.0", for the capture header. */
  app: string;
  events: EventHub;
  logger: Logger;
  /** The gateway's status changed (the service coalesces and publishes it). */
  statusChanged: () => void;
  now?: () => Date;
}

/** `capture-2026-12-06T22-50-25Z.gdcap.gz`: sortable, and valid on every file system. */
export function captureFileName(at: Date): string {
  return `capture-${at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-')}.gdcap.gz`;
}

/**
 * The app's captures: recording the running gateway into the user-data folder's captures/ folder,
 * listing that folder, and opening one of its files as a read-only replay through the pipeline the
 * live screens show. The renderer names files only by their name in that folder.
 */
export class CaptureService {
  private recording: CaptureRecording | null = null;
  private replayRun: ReplayRun | null = null;
  private readonly detachReplay: Array<() => void> = [];

  constructor(private readonly options: CaptureServiceOptions) {}

  get folder(): string | null {
    return this.options.userDataDir && path.join(this.options.userDataDir, 'captures');
  }

  get replay(): ReplayRun | null {
    return this.replayRun;
  }

  recordingView(): CaptureStatusView | null {
    return this.recording?.view() ?? null;
  }

  async startRecording(runtime: GatewayRuntime | null): Promise<void> {
    if (!runtime)
      throw new CaptureError(
        'NOTHING_TO_RECORD',
        'Start the gateway first: a capture records a running gateway.',
      );
    if (this.recording)
      throw new CaptureError(
        'ALREADY_RECORDING',
        `A capture is already being written to ${this.recording.file}.`,
      );
    const folder = this.requireFolder();
    await fs.promises.mkdir(folder, { recursive: true });
    const file = path.join(folder, captureFileName(this.options.now?.() ?? new Date()));
    this.recording = await CaptureRecording.start(runtime, { file, app: this.options.app, exclusive: true });
    this.options.logger.info(`recording a capture to ${file}`);
  }

  async stopRecording(): Promise<void> {
    const recording = this.recording;
    if (!recording) throw new CaptureError('NOT_RECORDING', 'No capture is being recorded.');
    this.recording = null;
    const summary = await recording.stop();
    this.options.logger.info(
      `capture ${summary.file}: ${summary.records} records, ${summary.dropped} dropped`,
    );
  }

  async list(): Promise<CaptureListView> {
    const folder = this.folder;
    if (!folder) return { folder: null, files: [] };
    const names = await fs.promises.readdir(folder).catch(() => [] as string[]);
    const files = await Promise.all(
      names.map(async (name) => {
        const file = path.join(folder, name);
        const stat = await fs.promises.stat(file).catch(() => null);
        return stat?.isFile()
          ? { name, path: file, bytes: stat.size, modifiedAt: stat.mtime.toISOString() }
          : null;
      }),
    );
    return {
      folder,
      files: files.filter((f) => f !== null).sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt)),
    };
  }

  /** Opens `name` from the captures folder and starts playing it; the caller stopped the gateway. */
  async openReplay(request: { name: string; speed: number | null }, meters: MeterStore): Promise<void> {
    await this.stopReplay();
    const file = path.join(this.requireFolder(), path.basename(request.name));
    if (this.recording?.file === file)
      throw new CaptureError(
        'ALREADY_RECORDING',
        `${request.name} is still being recorded: stop the capture first.`,
      );
    const run = await ReplayRun.open({
      file,
      speed: request.speed,
      meters,
      logger: this.options.logger,
      onProgress: () => this.options.statusChanged(),
    });
    this.replayRun = run;
    this.detachReplay.push(
      run.pipeline.onEvent((event) => {
        this.options.events.publish('gateway.event', event);
        this.options.statusChanged();
      }),
    );
    run.start();
  }

  controlReplay(request: { paused?: boolean | undefined; speed?: number | null | undefined }): void {
    const run = this.replayRun;
    if (!run) throw new CaptureError('NO_REPLAY', 'No replay is open: open a capture first.');
    if (request.speed !== undefined) run.setSpeed(request.speed);
    if (request.paused !== undefined) run.setPaused(request.paused);
  }

  async stopReplay(): Promise<void> {
    const run = this.replayRun;
    this.replayRun = null;
    for (const off of this.detachReplay.splice(0)) off();
    await run?.stop();
  }

  /** Ends the recording (if any) and the replay (if any); for stopping the gateway and disposing. */
  async stopAll(): Promise<void> {
    if (this.recording) await this.stopRecording();
    await this.stopReplay();
  }

  private requireFolder(): string {
    const folder = this.folder;
    if (!folder) throw new CaptureError('IO', 'This app has no user-data folder to keep captures in.');
    return folder;
  }
}
