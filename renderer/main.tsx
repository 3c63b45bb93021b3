import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createQueryClient } from './app/create-query-client';
import { LocationProvider } from './app/LocationProvider';
import { SettingsProvider } from './app/SettingsProvider';
import { TimeCursorProvider } from './app/TimeCursorProvider';
import { connect } from './rpc/connect';
import { RpcProvider } from './rpc/RpcProvider';
import './styles.css';
import './features/features.css';
import './features/metrics/metrics.css';

const root = createRoot(document.getElementById('root')!);

function Fatal({ message }: { message: string }) {
  return (
    <div className="fatal" role="alert" data-testid="connect-error">
      <h1>Vigie cannot start</h1>
      <p>{message}</p>
      <button className="btn" onClick={() => window.location.reload()}>
        Retry
      </button>
    </div>
  );
}

connect().then(
  (connection) => {
    root.render(
      <StrictMode>
        <QueryClientProvider client={createQueryClient()}>
          <RpcProvider connection={connection}>
            <SettingsProvider>
              <LocationProvider>
                <TimeCursorProvider>
                  <App />
                </TimeCursorProvider>
              </LocationProvider>
            </SettingsProvider>
          </RpcProvider>
        </QueryClientProvider>
      </StrictMode>,
    );
  },
  (e: unknown) => root.render(<Fatal message={e instanceof Error ? e.message : String(e)} />),
);
