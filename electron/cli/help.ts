/** The commands of DESIGN §8. Keep in step with index.ts's dispatch table. */
export const HELP = `Gateway Diagnostics — command line

Usage: npm run --silent cli -- <command> [options]

Output: one JSON object per line on stdout; human messages on stderr.

Commands:
  profiles [--settings FILE]
      List the connection profiles (the built-in demo first) as JSON lines.
      Secrets are shown only as set / not set. Settings problems go to stderr
      with file, line and key; exit 2 when the file has errors.
  decode [--meter ID=KEYHEX]... [--key KEYHEX] [--gateway GWID] [--explain] [HEX ...]
      Decode iM871A / wM-Bus telegrams from arguments or one per stdin line.
  connect --settings FILE --profile NAME [--timeout S]
      Connect to the profile's broker once and print the outcome in words.
      Exit 0 accepted, 3 refused by the broker, 4 network/TLS failure, 2 usage.
  run --settings FILE --profile NAME --port PATH|virtual [--meter ID=KEY]... [--link-mode c1a]
      The headless gateway: stick -> decode -> ReMoni API v2 over MQTT.
  web [--port N] [--settings FILE]
      Serve the UI to a browser on 127.0.0.1 and print its URL (with a
      per-launch token). --port 0 (the default) picks a free port.

Options for every command:
  --help    show this text
`;
