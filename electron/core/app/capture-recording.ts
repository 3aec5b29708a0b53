import type { CaptureStatusView } from '../../../shared/capture';
import { CaptureRecorder, CaptureWriter, type CaptureSummary } from '../capture';
import type { GatewayRuntime } from '../gateway';

export interface CaptureRecordingOptions {
  file: string;
  /** "Gateway Diagnostics 0.1.0": written in the header. */
  app: string;
  /** Refuse to replace an existing file. */
  exclusive?: boolean;
  now?: () => number;
}

/**
 * A capture being recorded from a running gateway: every serial read of its stick, every telegram
 * with its outcome, every MQTT message in and out with its result, and the stick's and the
 * session's changes (docs/ARCHITECTURE.md § Captures). Used by the app and by `cli run --capture`.
 */
export class CaptureRecording {
  private readonly detach: Array<() => void>;
  private stopped: Promise<CaptureSummary> | null = null;

  private constructor(
    private readonly writer: CaptureWriter,
    private readonly recorder: CaptureRecorder,
    runtime: GatewayRuntime,
  ) {
    this.detach = listen(runtime, recorder);
  }

  static async start(runtime: GatewayRuntime, options: CaptureRecordingOptions): Promise<CaptureRecording> {
    const profile = runtime.profile;
    const writer = await CaptureWriter.open({
      file: options.file,
      ...(options.exclusive ? { exclusive: true } : {}),
      ...(options.now ? { now: options.now } : {}),
      header: {
        app: options.app,
        port: runtime.port,
        linkMode: runtime.linkMode,
        profile: profile.name,
        demo: profile.demo,
        gatewayId: profile.gatewayId ?? null,
        broker: `${profile.host}:${profile.port}`,
        stick: runtime.stickInfo,
        raw: true,
      },
    });
    const recording = new CaptureRecording(writer, new CaptureRecorder(writer), runtime);
    recording.recorder.stick(runtime.stick.status);
    recording.recorder.session(runtime.session.snapshot());
    return recording;
  }

  get file(): string {
    return this.writer.file;
  }

  view(): CaptureStatusView {
    return {
      file: this.writer.file,
      startedAt: this.writer.startedAt.toISOString(),
      records: this.writer.records,
      dropped: this.writer.dropped,
    };
  }

  /** Stops listening and closes the file with its end record. Idempotent. */
  stop(): Promise<CaptureSummary> {
    if (!this.stopped) {
      for (const off of this.detach.splice(0)) off();
      this.recorder.flush();
      this.stopped = this.writer.close();
    }
    return this.stopped;
  }
}

function listen(runtime: GatewayRuntime, recorder: CaptureRecorder): Array<() => void> {
  const { stick, session, pipeline } = runtime;
  const noteStickInfo = () => {
    if (runtime.stickInfo) recorder.stickInfo(runtime.stickInfo);
  };
  return [
    stick.on('bytes', (chunk) => recorder.rx(chunk)),
    stick.on('telegram', (telegram) => recorder.stickTelegram(telegram)),
    stick.on('status', (status) => {
      recorder.stick(status);
      noteStickInfo();
    }),
    pipeline.onEvent((event) => {
      if (event.event === 'telegram') noteStickInfo();
      recorder.gatewayEvent(event);
    }),
    session.on('message', (message) => recorder.mqttIn(message)),
    session.on('outgoing', (request) => recorder.mqttOut(request)),
    session.on('publish', (result) => recorder.publishResult(result)),
    session.on('state', (status) => recorder.session(status)),
  ];
}
