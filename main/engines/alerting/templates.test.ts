import { describe, expect, it } from 'vitest';
import { humanize, humanize1024, humanizeDuration } from './template-functions';
import { expandOrError, checkTemplateParses } from './templates';

const expand = (text: string, labels: Record<string, string> = {}, value = 0) =>
  expandOrError({ name: '__alert_A', text, labels, externalLabels: { cluster: 'eu' }, externalUrl: 'http://prom:9090/p', value, env: { externalUrl: 'http://prom:9090/p' } });

describe('alert templates', () => {
  it.each([
    [humanize, 0, '0'], [humanize, 1234567, '1.235M'], [humanize, 0.001234, '1.234m'], [humanize, NaN, 'NaN'],
    [humanize1024, 2048, '2ki'], [humanize1024, 1, '1'],
    [humanizeDuration, 0, '0s'], [humanizeDuration, 90061, '1d 1h 1m 1s'], [humanizeDuration, 3.5, '3.5s'], [humanizeDuration, 0.25, '250ms'], [humanizeDuration, -65, '-1m 5s'],
  ])('%o(%o) = %o', (f, v, want) => {
    expect((f as (v: number) => string)(v as number)).toBe(want);
  });

  it.each([
    ['Instance {{ $labels.instance }} down', { instance: 'h:9' }, 0, 'Instance h:9 down'],
    ['missing {{ $labels.nope }}.', {}, 0, 'missing .'],
    ['{{ $value }} / {{ $value | humanizePercentage }}', {}, 0.5, '0.5 / 50%'],
    ['{{ $externalLabels.cluster }} {{ externalURL }} {{ pathPrefix }}', {}, 0, 'eu http://prom:9090/p /p'],
    ['{{ 1500 | humanizeTimestamp }}', {}, 0, '1970-01-01 00:25:00 +0000 UTC'],
    ['{{ "abc" | toUpper }} {{ title "hello world" }}', {}, 0, 'ABC Hello World'],
    ['{{ reReplaceAll "(.*):.*" "$1" $labels.instance }}', { instance: 'h:9' }, 0, 'h'],
  ])('%s', (text, labels, value, want) => {
    expect(expand(text, labels, value)).toBe(want);
  });

  it('an execution failure becomes the value, as Prometheus stores it', () => {
    expect(expand('{{ humanize "x" }}')).toMatch(/^<error expanding template: error executing template __alert_A: template: __alert_A:1:\d+: executing "__alert_A" at <humanize "x">: error calling humanize: strconv.ParseFloat: parsing "x": invalid syntax>$/);
  });

  it('parse errors are reported for rulefmt', () => {
    expect(checkTemplateParses('A', '{{ nope }}')).toMatch(/^error parsing template __alert_A: template: __alert_A:1: function "nope" not defined$/);
    expect(checkTemplateParses('A', '{{ $labels.x }}')).toBeNull();
  });
});
