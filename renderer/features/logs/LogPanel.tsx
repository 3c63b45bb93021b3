import { useCallback, useEffect, useState } from 'react';
import type { LogLine } from '../../../shared/contract';
import type { Labels } from '../../../shared/model/labels';
import { useLocation } from '../../app/LocationProvider';
import { useSettings } from '../../app/SettingsProvider';
import { errorText, isCancelled } from '../../rpc/errors';
import { LogDetails } from './LogDetails';
import { LogToolbar } from './LogToolbar';
import { LogViewport } from './LogViewport';
import { useLogWindows } from './use-log-windows';
import { useRowKeys, useRowScroll } from './use-row-navigation';

interface Props {
  streamIds: string[];
  labelsOf(streamId: string): Labels | undefined;
}

/** The chosen streams' lines: toolbar, virtualised list with its own scrollbar, details. */
export function LogPanel({ streamIds, labelsOf }: Props) {
  const { range } = useLocation();
  const { settings } = useSettings();
  const view = { streamIds, range, direction: settings.direction };
  const viewKey = JSON.stringify(view);
  const [top, setTop] = useState(0);
  const [visible, setVisible] = useState(40);
  const [selected, setSelected] = useState<{ index: number; line: LogLine } | null>(null);
  const [selIndex, setSelIndex] = useState<number | null>(null);

  // A new view (streams, range, order) starts at its first line with nothing selected.
  useEffect(() => {
    setTop(0);
    setSelIndex(null);
    setSelected(null);
  }, [viewKey]);

  const win = useLogWindows(view, top, visible + 1);
  const total = win.total ?? 0;

  // The view can shrink (a source removed) or grow (indexing): useRowScroll keeps top in range.
  const { scrollBy, scrollTo } = useRowScroll(setTop, total, visible);
  const select = useCallback((index: number, line: LogLine) => {
    setSelIndex(index);
    setSelected({ index, line });
  }, []);

  // When keys move the selection onto a row that has loaded, the details follow it.
  const selectedRow = selIndex === null ? undefined : win.rows.find((r) => r.index === selIndex)?.line;
  useEffect(() => {
    if (selIndex !== null && selectedRow && selected && selected.index !== selIndex) setSelected({ index: selIndex, line: selectedRow });
  }, [selIndex, selectedRow, selected]);

  useRowKeys({ top, selected: selIndex }, total, visible, {
    onEscape: () => setSelected(null),
    onEnter: () => {
      if (selIndex !== null && selectedRow) setSelected({ index: selIndex, line: selectedRow });
    },
    onMove: (next) => {
      setTop(next.top);
      setSelIndex(next.selected);
    },
  });

  const errorShown = win.error && !isCancelled(win.error) ? errorText(win.error) : null;
  return (
    <div className="log-panel">
      <LogToolbar total={win.total} partial={win.partial} fetching={win.fetching} top={top} visible={visible} />
      {errorShown && (
        <div className="error-banner" role="alert">
          {errorShown}
        </div>
      )}
      {win.total === 0 && !win.partial && (
        <div className="empty">
          No lines in this time range. Try <strong>All time</strong> in the time picker, or pick other streams.
        </div>
      )}
      <div className="log-split">
        <LogViewport
          rows={win.rows}
          top={top}
          total={total}
          selected={selIndex}
          wrap={settings.wrap}
          showLabels={settings.showLabels}
          timeZone={settings.timeZone}
          labelsOf={labelsOf}
          onSelect={select}
          onScrollBy={scrollBy}
          onTop={scrollTo}
          onVisible={setVisible}
        />
        {selected && <LogDetails line={selected.line} labels={labelsOf(selected.line.streamId)} timeZone={settings.timeZone} onClose={() => setSelected(null)} />}
      </div>
    </div>
  );
}
