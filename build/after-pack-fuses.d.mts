// Types for the afterPack hook, so the TypeScript tests can import it.
export declare const FUSE_SETTINGS: Readonly<Record<string, boolean>>;
export interface AfterPackContextLike {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { executableName: string; appInfo: { productFilename: string } };
}
export declare function electronBinaryPath(context: AfterPackContextLike): string;
export default function afterPack(context: AfterPackContextLike): Promise<void>;
