/**
 * `--trace-network`: runs the agent under `strace` and lists every network attempt that is not to loopback:
 * connects to other addresses and the host names it asked DNS for. A run that tries to reach anything but
 * loopback fails. Needs strace (`apt-get install -y strace`).
 */
import { spawnSync } from 'node:child_process';

export function straceAvailable(): boolean {
  return spawnSync('strace', ['-V'], { stdio: 'ignore' }).status === 0;
}

/** The command line that runs `command` under strace, writing its trace to `traceFile`. */
export function tracedCommand(command: string, args: readonly string[], traceFile: string): [string, string[]] {
  return [
    'strace',
    ['-f', '-qq', '-s', '512', '-e', 'trace=connect,sendto,sendmmsg', '-o', traceFile, command, ...args],
  ];
}

export interface NetworkActivity {
  /** `address:port` of every connect outside 127.0.0.0/8 and ::1 (DNS servers included) */
  readonly connects: string[];
  /** host names looked up over DNS */
  readonly lookups: string[];
}

/** Decodes the C-style escapes strace prints in a string argument. */
function straceBytes(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\') {
      out.push(...new TextEncoder().encode(c));
      continue;
    }
    const next = s[++i];
    if (next === 'x') {
      out.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (next !== undefined && /[0-7]/.test(next)) {
      const oct = /^[0-7]{1,3}/.exec(s.slice(i))?.[0] ?? '0';
      out.push(Number.parseInt(oct, 8));
      i += oct.length - 1;
    } else {
      const named: Record<string, number> = { n: 10, r: 13, t: 9, v: 11, f: 12, '"': 34, '\\': 92 };
      out.push(named[next ?? ''] ?? 0);
    }
  }
  return Uint8Array.from(out);
}

/** The question name of a DNS query packet, or undefined when the bytes are not one. */
export function dnsQuestion(packet: Uint8Array): string | undefined {
  // 12-byte header; QDCOUNT (bytes 4-5) must be 1 or more; then length-prefixed labels ending in 0.
  if (packet.length < 17 || (packet[4] << 8) + packet[5] === 0) return undefined;
  const labels: string[] = [];
  let i = 12;
  while (i < packet.length && packet[i] !== 0) {
    const len = packet[i];
    if (len > 63 || i + 1 + len > packet.length) return undefined;
    const label = new TextDecoder().decode(packet.subarray(i + 1, i + 1 + len));
    if (!/^[A-Za-z0-9_-]+$/.test(label)) return undefined;
    labels.push(label);
    i += 1 + len;
  }
  return labels.length > 0 ? labels.join('.') : undefined;
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/** Reads an strace log (trace=connect,sendto,sendmmsg) for network attempts outside loopback. */
export function parseTrace(trace: string): NetworkActivity {
  const connects = new Set<string>();
  const lookups = new Set<string>();
  for (const line of trace.split('\n')) {
    const connect =
      /connect\(\d+, \{sa_family=AF_INET6?, sin6?_port=htons\((\d+)\),.*?inet_(?:addr|pton)\((?:AF_INET6?, )?"([^"]+)"/.exec(
        line,
      );
    if (connect && !LOOPBACK.test(connect[2])) connects.add(`${connect[2]}:${connect[1]}`);
    if (/\b(sendto|sendmmsg)\(/.test(line)) {
      for (const m of line.matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
        const name = dnsQuestion(straceBytes(m[1]));
        if (name) lookups.add(name);
      }
    }
  }
  return { connects: [...connects].sort(), lookups: [...lookups].sort() };
}
