import { describe, expect, it } from 'vitest';
import type { Level } from '../../../../shared/model/level';
import { detectLevel } from './index';

describe('detectLevel', () => {
  const cases: { name: string; line: string; want: Level }[] = [
    // explicit upper-case words
    { name: 'log4j INFO', line: '2015-10-18 18:01:47,978 INFO [main] org.Foo: x', want: 'info' },
    { name: 'Zookeeper WARN with padding', line: '2015-07-29 19:04:29,071 - WARN  [SendWorker:1] - x', want: 'warn' },
    { name: 'Python WARNING:root', line: 'WARNING:root:disk almost full', want: 'warn' },
    { name: 'HDFS ERROR after the pid', line: '081109 203615 148 ERROR dfs.DataNode: x', want: 'error' },
    { name: 'ERR', line: '2024-01-02 03:04:05 ERR something', want: 'error' },
    { name: 'FATAL', line: '2015-10-18 18:01:47,978 FATAL [main] x', want: 'fatal' },
    { name: 'CRIT', line: '2024-01-02 03:04:05 CRIT disk', want: 'fatal' },
    { name: 'CRITICAL', line: '2024-01-02 03:04:05,1 - CRITICAL - x', want: 'fatal' },
    { name: 'DEBUG', line: '2024-01-02 03:04:05 DEBUG x', want: 'debug' },
    { name: 'TRACE', line: '2024-01-02 03:04:05 TRACE x', want: 'trace' },
    { name: 'Rust env_logger', line: '[2024-01-02T03:04:05Z INFO  my_app] x', want: 'info' },
    { name: 'the first level word wins', line: '2024-01-02 INFO retry after ERROR', want: 'info' },
    { name: 'a word glued to an underscore is not a level', line: 'Kind: YARN_AM_RM_TOKEN ERROR_CODE=3', want: 'unknown' },
    { name: 'a word glued to a digit is not a level', line: 'x INFO2B y', want: 'unknown' },
    // bracketed and colon forms
    { name: 'Apache [notice]', line: '[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok', want: 'info' },
    { name: 'Apache [error]', line: '[Sun Dec 04 04:47:44 2005] [error] mod_jk child in error state 6', want: 'error' },
    { name: 'Apache 2.4 [core:warn]', line: '[Wed Oct 11 14:32:52.1 2000] [core:warn] [pid 1] x', want: 'warn' },
    { name: 'Apache [trace3]', line: '[Wed Oct 11 14:32:52.1 2000] [http:trace3] x', want: 'trace' },
    { name: 'nginx [crit]', line: '2024/01/02 03:04:05 [crit] 12#0: x', want: 'fatal' },
    { name: 'sshd error:', line: 'Dec 10 06:55:46 LabSZ sshd[24324]: error: Received disconnect', want: 'error' },
    { name: 'git fatal:', line: 'fatal: not a git repository', want: 'fatal' },
    { name: 'gcc warning:', line: 'foo.c:12:3: warning: unused variable', want: 'warn' },
    { name: 'a colon word inside a message is not a level', line: 'Jun 14 h QQ[1]: DB Error: 1 no such table', want: 'unknown' },
    { name: 'a lower-case word without a mark is not a level', line: 'Jun 14 h sshd[1]: authentication failure; user info unknown', want: 'unknown' },
    // structured
    { name: 'JSON "level"', line: '{"level":"warn","msg":"ERROR in text"}', want: 'warn' },
    { name: 'JSON "severity" in capitals', line: '{"severity":"ERROR","message":"x"}', want: 'error' },
    { name: 'JSON bunyan number', line: '{"name":"app","level":50,"msg":"x"}', want: 'error' },
    { name: 'JSON pino trace number', line: '{"level":10,"msg":"x"}', want: 'trace' },
    { name: 'JSON without a level key falls back to words', line: '{"msg":"WARN: low disk"}', want: 'warn' },
    { name: 'logfmt level=', line: 'ts=2024-01-02T03:04:05Z caller=x level=debug msg="hello"', want: 'debug' },
    { name: 'logfmt quoted lvl=', line: 't=2024 lvl="eror" msg=x', want: 'error' },
    { name: 'logfmt level= before a message with a level word', line: 'level=info msg="ERROR count is 0"', want: 'info' },
    { name: 'a level word before logfmt level=', line: '2024-01-02 ERROR x level=info', want: 'error' },
    { name: 'a key ending in level= is not logfmt level', line: 'x loglevel=warn', want: 'unknown' },
    { name: 'logfmt level= after a key ending in level=', line: 'loglevel=x level=warn msg=y', want: 'warn' },
    { name: 'the first of two logfmt keys', line: 'lvl=error severity=info', want: 'error' },
    // syslog priority
    { name: 'syslog <34> (auth.crit)', line: '<34>Oct 11 22:14:15 mymachine su: x', want: 'fatal' },
    { name: 'syslog <11> (user.err)', line: '<11>1 2003-10-11T22:14:15Z h app - - - x', want: 'error' },
    { name: 'syslog <12> (user.warning)', line: '<12>x', want: 'warn' },
    { name: 'syslog <13> (user.notice)', line: '<13>x', want: 'info' },
    { name: 'syslog <15> (user.debug)', line: '<15>x', want: 'debug' },
    { name: 'an out-of-range priority is ignored', line: '<999>x INFO', want: 'info' },
    // Android logcat and klog letters
    { name: 'logcat threadtime D', line: '03-17 16:13:38.811  1702  2395 D WindowManager: x', want: 'debug' },
    { name: 'logcat threadtime V', line: '03-17 16:13:38.811  1702  2395 V Tag: ERROR in text', want: 'trace' },
    { name: 'logcat threadtime E with one-digit pids', line: '03-17 16:13:38.811     1     1 E init: x', want: 'error' },
    { name: 'logcat threadtime A (assert)', line: '03-17 16:13:38.811  1702  2395 A libc: x', want: 'fatal' },
    { name: 'logcat with a uid column', line: '03-17 16:13:38.811 u0_a12  1702  2395 W Tag: x', want: 'warn' },
    { name: 'logcat -v time', line: '03-17 16:13:38.811 I/ActivityManager( 1702): x', want: 'info' },
    { name: 'logcat -v year', line: '2024-03-17 16:13:38.811  1702  2395 F DEBUG: x', want: 'fatal' },
    { name: 'a Java line with milliseconds is not logcat', line: '2024-03-17 16:13:38.811 I am here', want: 'unknown' },
    { name: 'klog I', line: 'I0715 12:34:56.789012    1 main.go:12] hi', want: 'info' },
    { name: 'klog E', line: 'E0715 12:34:56.789012    1 main.go:12] failed', want: 'error' },
    // nothing
    { name: 'a plain syslog line', line: 'Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure', want: 'unknown' },
    { name: 'an empty line', line: '', want: 'unknown' },
    { name: 'garbage', line: '\u0000\ud800<{[', want: 'unknown' },
    { name: 'a level word past the scanned head', line: `${'x'.repeat(300)} ERROR`, want: 'unknown' },
  ];
  it.each(cases)('reads $name as $want', ({ line, want }) => {
    expect(detectLevel(line)).toBe(want);
  });

  it('never throws on hostile input', () => {
    for (const line of ['<', '<1', '{"level":', 'level=', '03-17 16:13:38.811', 'I0715', '['.repeat(5000)]) {
      expect(() => detectLevel(line)).not.toThrow();
    }
    expect(detectLevel(undefined as unknown as string)).toBe('unknown');
  });
});
