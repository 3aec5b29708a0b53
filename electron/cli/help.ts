/** The commands of docs/ARCHITECTURE.md § Command line. Keep in step with index.ts's dispatch table. */
export const HELP = `Gateway Diagnostics — command line

Usage: gateway-diagnostics <command> [options]
       npm run --silent cli -- <command> [options]         (in a checkout)
       "Gateway Diagnostics" --cli <command> [options]     (the installed app)

Output: one JSON object per line on stdout; human messages on stderr.

Commands:
  profiles [--settings FILE]
      List the connection profiles (the built-in demo first) as JSON lines.
      Secrets are shown only as set / not set. Settings problems go to stderr
      with file, line and key; exit 2 when the file has errors.
  decode [--meter ID=KEYHEX]... [--key KEYHEX] [--gateway GWID] [--explain] [--wmbusmeters] [HEX ...]
      Decode telegrams from arguments, or one per stdin line: iM871A HCI frames
      or iU891A SLIP frames (C0 ... C0; one or several per line, e.g. a serial
      read; the iU891A's receive indications are decoded, its other messages
      passed over), the original gateway's LEN+frame+CRC form, or wM-Bus
      frames from the L field with or without data-link CRCs. One JSON
      object per frame: ok + meter + driver (omnipower | multical21 | generic)
      + values (OmniPower: A+/A- kWh, P+/P- kW; Multical 21: volumes m3,
      temperatures C, info codes in words) + records (every DIF/VIF record:
      difvif, quantity, unit, value, storage, tariff, subunit, function; energy
      kWh, volume m3, power W, flow m3/h, temperature C, dates ISO 8601), or
      ok:false with error.code PARSE | HCI_CRC | UNKNOWN_METER | NO_KEY | CRC |
      UNSUPPORTED. --meter limits decoding to the listed meters (others:
      UNKNOWN_METER); --key is tried for meters without their own; --gateway
      adds the ReMoni API v2 messages ("publish"; empty, with
      "unpublishedReason", for meters API v2 has no channels for, e.g. water);
      --explain adds the byte-level explanation; --wmbusmeters adds the fields
      as wmbusmeters names them (its omnipower and multical21 drivers). Exit 0,
      or 2 on usage.
  connect --settings FILE --profile NAME [--timeout S]
      Connect to the profile's broker once and print the outcome in words.
      Exit 0 accepted, 3 refused by the broker, 4 network/TLS failure, 2 usage.
  run --settings FILE --profile NAME --port PATH|virtual [--stick im871a|iu891a|auto]
      [--meter ID=KEY]... [--link-mode c1a] [--capture FILE] [--user-data DIR]
      The headless gateway: stick -> decode -> ReMoni API v2 over MQTT.
      The stick (iM871A or iU891A) is told from the port's USB ids, else by
      trying each one's ping; --stick names it instead (for virtual: which
      stick to simulate, iM871A by default).
      --capture records the session (serial bytes, telegrams, MQTT in and
      out) into FILE, gzip when it ends in .gz; no key or password is written.
      It monitors the meters added or imported in the app's user-data folder
      (or DIR) and those given with --meter.
  keys import FILE [--password-stdin] [--replace] [--user-data DIR]
      Import the meters of a Kamstrup KEM key file (.kem, .kem2, or a .zip
      holding one) as monitored meters, in the user-data folder the app uses.
      The password is read from stdin with --password-stdin, else asked for on
      a terminal (not echoed). One JSON line per meter: id, model, type,
      imported, reason (never a key). A meter monitored with another key is
      replaced only with --replace. Exit 0 when at least one meter was
      imported, 2 for a wrong password, a file that is not a KEM file, or
      nothing imported.
  replay FILE [--meter ID=KEYHEX]... [--key KEYHEX] [--gateway GWID] [--explain]
      [--wmbusmeters] [--format gdcap|wmbusmeters|hci] [--to-wmbusmeters OUT]
      The telegrams of a capture (run --capture or the app), a wmbusmeters
      simulation file (telegram=|HEX| lines) or a raw iM871A or iU891A byte
      dump (binary or hex text), plain or gzip, as the same JSON lines decode
      prints; the format is told from the content unless --format says. Keys
      are given as for decode: captures hold none. A line that cannot be read
      (one cut short by a crash) is an ok:false PARSE line with its number, and
      the rest replays. --to-wmbusmeters writes the telegrams as a wmbusmeters
      simulation file (OUT, or - for stdout) instead. Exit 0, or 2 on usage or
      a file of none of these formats.
  survey --port PATH|virtual --seconds N [--stick im871a|iu891a|auto] [--link-mode c1a]
      [--meter ID=KEY]... [--user-data DIR]
      Listen N seconds without a broker and print one JSON line per meter
      heard, monitored or not: id, manufacturer, medium, driver, version,
      encryption and whether a key is held, frame kinds, RSSI last/min/mean/max
      dBm with a signal verdict, telegrams, first and last seen, the send
      interval (median gap, s), telegrams missed, silent (3 intervals without a
      telegram). Monitored, as for run: the user-data meters (or DIR's) and
      --meter. The virtual stick plays the demo's meters, and only --meter
      counts (--virtual-interval-ms N sets their pace). Exit 0, 1 when the
      stick does not answer, 2 on usage.
  stick-sim --port PATH [--kind im871a|iu891a] [--meter ID=KEYHEX]... [--interval-ms N] [--chunked]
      Play a stick (an iM871A unless --kind says) with simulated OmniPower
      meters on a serial device (e.g. one end of a socat pseudo-terminal
      pair), for testing without hardware.
  web [--port N] [--settings FILE]
      Serve the UI to a browser on 127.0.0.1 and print its URL (with a
      per-launch token). --port 0 (the default) picks a free port.

Options for every command:
  --help    show this text
`;
