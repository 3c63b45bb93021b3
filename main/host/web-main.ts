import { rendererDir } from './app-paths';
import { createServices } from './create-services';
import { startWebServer } from './web-server';

/**
 * `npm run web`: browser mode. Prints the URL with its token; the token is the only key
 * to the RPC, so it is printed here and nowhere else.
 */
async function main(): Promise<void> {
  const services = createServices({ mode: 'web' });
  const dir = rendererDir();
  const requested = Number(process.env.VIGIE_PORT ?? 7373);
  let server;
  try {
    server = await startWebServer({ handlers: services.handlers, rendererDir: dir, port: requested });
  } catch {
    server = await startWebServer({ handlers: services.handlers, rendererDir: dir, port: 0 }); // port taken: any free one
  }
  if (!dir) console.error('vigie: the renderer is not built (run `npm run build`); serving the RPC only');
  console.log(`Vigie (browser mode) is running at ${server.url}`);
  const stop = async (): Promise<void> => {
    await server.close();
    await services.dispose();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

void main().catch((e: unknown) => {
  console.error(`vigie: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
