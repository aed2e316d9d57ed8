import { describe, expect, it } from 'vitest';
import { dnsQuestion, parseTrace } from './network-trace.js';

// Lines in the form strace prints them (trace=connect,sendto,sendmmsg); the DNS packets are written by hand:
// a 12-byte header with one question, then the name as length-prefixed labels.
const TRACE = [
  '101 connect(19, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT (No such file or directory)',
  '101 connect(20, {sa_family=AF_INET, sin_port=htons(43105), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
  '102 connect(21, {sa_family=AF_INET6, sin6_port=htons(8080), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 0',
  '103 connect(22, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.0.0.53")}, 16) = 0',
  // octal escapes, as strace prints them by default
  '103 sendmmsg(22, [{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="\\22\\64\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0\\3api\\6github\\3com\\0\\0\\1\\0\\1", iov_len=32}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, msg_len=32}], 1, MSG_NOSIGNAL) = 1',
  // hex escapes
  '104 sendto(23, "\\x12\\x34\\x01\\x00\\x00\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x07example\\x03org\\x00\\x00\\x1c\\x00\\x01", 29, MSG_NOSIGNAL, NULL, 0) = 29',
  // not DNS: an HTTP request on a loopback socket
  '105 sendto(20, "POST /v1/messages HTTP/1.1\\r\\nhost: 127.0.0.1\\r\\n", 46, MSG_NOSIGNAL, NULL, 0) = 46',
  '106 connect(24, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("160.79.104.10")}, 16) = -1 ENETUNREACH',
].join('\n');

describe('parseTrace', () => {
  it('lists connects beyond loopback and the names looked up, and ignores loopback and unix sockets', () => {
    expect(parseTrace(TRACE)).toEqual({
      connects: ['10.0.0.53:53', '160.79.104.10:443'],
      lookups: ['api.github.com', 'example.org'],
    });
  });

  it('finds nothing in a loopback-only trace', () => {
    expect(parseTrace(TRACE.split('\n').slice(0, 3).join('\n'))).toEqual({ connects: [], lookups: [] });
  });
});

describe('dnsQuestion', () => {
  it('reads the question name, and rejects bytes that are not a query', () => {
    const packet = Uint8Array.from([0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0x61, 2, 0x62, 0x63, 0, 0, 1, 0, 1]);
    expect(dnsQuestion(packet)).toBe('a.bc');
    expect(dnsQuestion(new TextEncoder().encode('GET / HTTP/1.1\r\nhost: x\r\n'))).toBeUndefined();
    expect(dnsQuestion(Uint8Array.from([0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0x61, 0, 0, 1, 0, 1]))).toBeUndefined();
  });
});
