import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, loadSettings, resolveTheme, saveSettings, SETTINGS_KEY, toggledTheme } from './settings';
import { createSequenceMatcher, GLOBAL_SHORTCUTS, isTypingTarget } from './shortcuts';

const store = (v: string | null) => ({ getItem: (k: string) => (k === SETTINGS_KEY ? v : null) });

describe('settings', () => {
  it.each([
    [null, DEFAULT_SETTINGS],
    ['not json', DEFAULT_SETTINGS],
    ['{"theme":"light","timeZone":"utc","wrap":true}', { ...DEFAULT_SETTINGS, theme: 'light', timeZone: 'utc', wrap: true }],
    ['{"theme":"purple","direction":"sideways","showLabels":"yes"}', DEFAULT_SETTINGS],
  ])('loadSettings(%j)', (raw, want) => expect(loadSettings(store(raw))).toEqual(want));

  it('saves what it loads', () => {
    let saved = '';
    saveSettings({ setItem: (_k, v) => void (saved = v) }, { ...DEFAULT_SETTINGS, direction: 'forward' });
    expect(loadSettings(store(saved)).direction).toBe('forward');
  });

  it.each([
    ['system', true, 'dark', 'light'],
    ['system', false, 'light', 'dark'],
    ['dark', false, 'dark', 'light'],
    ['light', true, 'light', 'dark'],
  ] as const)('theme %s (system dark %s) shows %s and toggles to %s', (theme, sys, shown, toggled) => {
    expect(resolveTheme(theme, sys)).toBe(shown);
    expect(toggledTheme(theme, sys)).toBe(toggled);
  });
});

describe('shortcut sequences', () => {
  const run = (keys: [string, number][]) => {
    const m = createSequenceMatcher(GLOBAL_SHORTCUTS, 1000);
    return keys.map(([k, t]) => m(k, t));
  };
  it.each([
    [[['g', 0], ['e', 100]], ['pending', 'go-explore']],
    [[['g', 0], ['s', 100]], ['pending', 'go-sources']],
    [[['t', 0]], ['toggle-theme']],
    [[['?', 0]], ['help']],
    [[['g', 0], ['e', 5000]], ['pending', null]],
    [[['x', 0], ['g', 10], ['e', 20]], [null, 'pending', 'go-explore']],
    [[['g', 0], ['g', 10], ['s', 20]], ['pending', 'pending', 'go-sources']],
    [[['g', 0], ['t', 10]], ['pending', 'toggle-theme']],
  ] as [[string, number][], unknown[]][])('%j', (keys, want) => expect(run(keys)).toEqual(want));

  it.each([
    [{ tagName: 'INPUT', type: 'text' }, true],
    [{ tagName: 'INPUT', type: 'search' }, true],
    [{ tagName: 'INPUT', type: 'checkbox' }, false],
    [{ tagName: 'TEXTAREA' }, true],
    [{ tagName: 'DIV', isContentEditable: true }, true],
    [{ tagName: 'BUTTON' }, false],
    [{ tagName: 'DIV', closest: (sel: string) => (sel === '.monaco-editor' ? {} : null) }, true],
    [{ tagName: 'DIV', closest: () => null }, false],
    [null, false],
  ])('isTypingTarget(%j) = %s', (el, want) => expect(isTypingTarget(el as unknown as EventTarget)).toBe(want));
});
