import { describe, expect, it } from 'vitest';
import { forbiddenReason, formatIp, inRange, parseIPv4, parseIPv6, parseIp, parseIpRange } from './ip-address.js';

const bytes = (text: string) => Array.from(parseIp(text)?.bytes ?? []);

describe('parseIPv4', () => {
  it('reads dotted quads', () => {
    expect(bytes('192.168.1.254')).toEqual([192, 168, 1, 254]);
    expect(bytes('0.0.0.0')).toEqual([0, 0, 0, 0]);
  });
  it.each([
    '256.0.0.1',
    '1.2.3',
    '1.2.3.4.5',
    '010.0.0.1',
    '1.2.3.-4',
    ' 1.2.3.4',
    '1.2.3.4 ',
    '0x7f.0.0.1',
    '',
    '1..2.3',
  ])('refuses %j', (text) => {
    expect(parseIPv4(text)).toBeUndefined();
  });
});

describe('parseIPv6', () => {
  it.each([
    ['::', '0:0:0:0:0:0:0:0'],
    ['::1', '0:0:0:0:0:0:0:1'],
    ['fd00::', 'fd00:0:0:0:0:0:0:0'],
    ['2001:DB8::8:800:200C:417A', '2001:db8:0:0:8:800:200c:417a'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['::ffff:127.0.0.1', '0:0:0:0:0:ffff:7f00:1'],
    ['::ffff:7f00:1', '0:0:0:0:0:ffff:7f00:1'],
    ['64:ff9b::10.0.0.1', '64:ff9b:0:0:0:0:a00:1'],
    ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:102:304'],
    ['::1.2.3.4', '0:0:0:0:0:0:102:304'],
  ])('reads %s', (text, canonical) => {
    const ip = parseIPv6(text);
    expect(ip?.family).toBe(6);
    expect(formatIp(ip!)).toBe(canonical);
  });
  it.each([
    '1:2:3:4:5:6:7:8:9',
    '1::2::3',
    ':1',
    '1:',
    '12345::',
    'fe80::1%eth0',
    '::ffff:1.2.3',
    'g::1',
    '1.2.3.4',
    '1:2:3:4:5:6:7:1.2.3.4',
    '[::1]',
  ])('refuses %j', (text) => {
    expect(parseIPv6(text)).toBeUndefined();
  });
  it('parseIp takes the bracketed form URL host names use', () => {
    expect(bytes('[::1]')).toEqual(bytes('::1'));
  });
});

describe('ranges', () => {
  it('reads CIDR ranges and single addresses, refuses host bits and bad prefixes', () => {
    expect(parseIpRange('10.0.0.0/8')?.prefix).toBe(8);
    expect(parseIpRange('127.0.0.1')?.prefix).toBe(32);
    expect(parseIpRange('::1')?.prefix).toBe(128);
    expect(parseIpRange('10.0.0.1/8')).toBeUndefined();
    expect(parseIpRange('10.0.0.0/33')).toBeUndefined();
    expect(parseIpRange('fd00::/129')).toBeUndefined();
    expect(parseIpRange('10.0.0.0/08')).toBeUndefined();
  });
  it('matches by prefix bits, also inside a byte, and IPv4-mapped IPv6 as IPv4', () => {
    const cgnat = parseIpRange('100.64.0.0/10')!;
    expect(inRange(parseIp('100.127.255.255')!, cgnat)).toBe(true);
    expect(inRange(parseIp('100.128.0.0')!, cgnat)).toBe(false);
    expect(inRange(parseIp('100.63.255.255')!, cgnat)).toBe(false);
    expect(inRange(parseIp('::ffff:100.64.0.1')!, cgnat)).toBe(true);
    expect(inRange(parseIp('100.64.0.1')!, parseIpRange('::/0')!)).toBe(false);
  });
});

describe('forbiddenReason', () => {
  it.each([
    ['127.0.0.1', /loopback/],
    ['127.255.255.254', /loopback/],
    ['10.20.30.40', /private/],
    ['172.16.0.1', /private/],
    ['172.31.255.255', /private/],
    ['192.168.0.1', /private/],
    ['169.254.169.254', /metadata/],
    ['169.254.1.1', /link-local/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['100.100.100.200', /carrier-grade NAT/],
    ['0.0.0.0', /this network/],
    ['224.0.0.1', /multicast/],
    ['255.255.255.255', /reserved/],
    ['192.0.0.192', /IETF/],
    ['198.18.0.1', /benchmarking/],
    ['::', /unspecified/],
    ['::1', /loopback/],
    ['fd00::1', /unique-local/],
    ['fc00::1', /unique-local/],
    ['fd00:ec2::254', /unique-local/],
    ['fe80::1', /link-local/],
    ['ff02::1', /multicast/],
    ['::ffff:127.0.0.1', /IPv4-mapped 127\.0\.0\.1, a loopback/],
    ['::ffff:169.254.169.254', /IPv4-mapped .*metadata/],
    ['64:ff9b::a00:1', /NAT64 10\.0\.0\.1/],
    ['2002:7f00:1::', /6to4 127\.0\.0\.1/],
    ['2001:db8::1', /documentation/],
    ['2001::1', /Teredo/],
    ['::127.0.0.1', /IPv4-compatible/],
    ['1234::1', /not a global unicast/],
  ])('%s is forbidden', (text, why) => {
    expect(forbiddenReason(parseIp(text)!)).toMatch(why);
  });
  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '169.253.255.255',
    '2606:2800:220:1:248:1893:25c8:1946',
    '2a00:1450::1',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::',
  ])('%s is public', (text) => {
    expect(forbiddenReason(parseIp(text)!)).toBeUndefined();
  });
});
