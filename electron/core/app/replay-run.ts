import path from 'node:path';
import type { ReplayStatusView } from '../../../shared/capture';
import type { StickStatusView } from '../../../shared/gateway-types';
import { parseLinkMode, type LinkMode } from '../../../shared/link-modes';
import { openReplayFile, ReplayPacer, type CaptureHeader, type ReplayFile } from '../capture';
import { demoProfile } from '../demo';
import { GatewayPipeline, type MeterStore } from '../gateway';
import type { MessageSink } from '../gateway/pipeline';
import type { Logger } from '../logger';
import { monitoredByDefault } from './launch-gateway';
import { ReplaySource } from './replay-source';

/** What a replay's telegrams say instead of being published. */
export const REPLAY_UNPUBLISHED = 'replay: read-only, nothing is sent to a broker';

/** The session side of a replay: it has no broker, and the pipeline is told not to publish. */
const NO_BROKER: MessageSink = {
  publish: () => Promise.reject(new Error(REPLAY_UNPUBLISHED)),
  subscribe: () => Promise.reject(new Error(REPLAY_UNPUBLISHED)),
  on: () => () => undefined,
  awaitingEcho: 0,
};

export interface ReplayRunOptions {
  file: string;
  speed: number | null;
  /** The keys to decode with: the technician's monitored meters (a demo capture uses the demo's). */
  meters: MeterStore;
  logger: Logger;
  /** Told when the replay's progress changed (a problem, the end). */
  onProgress: () => void;
}

/**
 * A capture (or a wmbusmeters simulation, or an HCI dump) played through the same gateway pipeline
 * as a live stick: the same decoder, meter states and events, so the same screens show it. Read
 * only: nothing is published, and no broker is contacted.
 */
export class ReplayRun {
  readonly pipeline: GatewayPipeline;
  readonly meters: MeterStore;
  private readonly pacer: ReplayPacer;
  private readonly source: ReplaySource;
  private playing: Promise<void> | null = null;

  private constructor(
    private readonly replay: ReplayFile,
    options: ReplayRunOptions,
  ) {
    // A capture of the demo decodes with the demo's meters, whose keys the demo publishes anyway.
    this.meters = replay.header?.demo ? monitoredByDefault(demoProfile()) : options.meters;
    this.pacer = new ReplayPacer({ speed: options.speed });
    this.source = new ReplaySource(replay.items, this.pacer, options.onProgress);
    this.pipeline = new GatewayPipeline({
      stick: this.source,
      session: NO_BROKER,
      meters: this.meters,
      gatewayId: replay.header?.gatewayId ?? '0',
      dataFormat: 'per-channel',
      qos: 0,
      logger: options.logger,
      readOnlyReason: REPLAY_UNPUBLISHED,
    });
  }

  /** Opens the file (a file of no known format fails here) without playing it yet. */
  static async open(options: ReplayRunOptions): Promise<ReplayRun> {
    return new ReplayRun(await openReplayFile(options.file), options);
  }

  get header(): CaptureHeader | null {
    return this.replay.header;
  }

  get linkMode(): LinkMode | null {
    return parseLinkMode(this.replay.header?.linkMode ?? '') ?? null;
  }

  start(): void {
    if (this.playing) return;
    this.pipeline.start();
    this.playing = this.source.play();
  }

  setSpeed(speed: number | null): void {
    this.pacer.setSpeed(speed);
  }

  setPaused(paused: boolean): void {
    this.pacer.setPaused(paused);
  }

  async stop(): Promise<void> {
    this.pacer.stop();
    await this.playing;
    this.pipeline.stop();
  }

  /** What the Radio card shows: the file in the stick's place. */
  stickView(): StickStatusView {
    return {
      state: this.source.progress.finished ? 'closed' : 'receiving',
      path: this.replay.file,
      reason: 'Replay: the telegrams come from this file, not from a stick.',
    };
  }

  view(): ReplayStatusView {
    const { progress } = this.source;
    return {
      file: this.replay.file,
      format: this.replay.format,
      recordedAt: this.replay.header?.startedAt ?? null,
      recordedWith: recordedWith(this.replay.header),
      speed: this.pacer.speed,
      paused: this.pacer.paused,
      finished: progress.finished,
      telegrams: progress.telegrams,
      positionMs: Math.round(this.pacer.position),
      problems: progress.problems,
      problemCount: progress.problemCount,
    };
  }
}

function recordedWith(header: CaptureHeader | null): string | null {
  if (!header) return null;
  const port = header.port === 'virtual' ? 'the virtual stick' : path.basename(header.port);
  const parts = [
    header.profile ? `profile ${header.profile}` : null,
    port,
    header.linkMode ? `link mode ${header.linkMode}` : null,
    header.app,
  ];
  return parts.filter(Boolean).join(', ');
}
