import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Controller, Get, Module, NotFoundException, Param, Res, type DynamicModule } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/access.decorator.js';

// GraphiQL from the installed packages, on the API's own origin: it works without internet and
// under a CSP that allows nothing but 'self' (Mercurius' page loads React and GraphiQL from unpkg).
const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(name));

const ASSETS: Record<string, { file: () => string; type: string }> = {
  'react.js': { file: () => join(packageDir('react'), 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { file: () => join(packageDir('react-dom'), 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { file: () => join(packageDir('graphiql'), '../graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: () => join(packageDir('graphiql'), '../graphiql.min.css'), type: 'text/css' },
};

// No inline script or style anywhere, so the page runs under the CSP below.
const START_SCRIPT = `
const fetcher = GraphiQL.createFetcher({ url: new URL('/graphql', location.href).toString() });
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: true, shouldPersistHeaders: false }),
);
`;

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>CivicLoop GraphiQL</title>
  <meta name="robots" content="noindex">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/graphiql/assets/graphiql.css">
  <link rel="stylesheet" href="/graphiql/assets/page.css">
</head>
<body>
  <div id="graphiql">GraphiQL 正在加载… / loading…</div>
  <script src="/graphiql/assets/react.js"></script>
  <script src="/graphiql/assets/react-dom.js"></script>
  <script src="/graphiql/assets/graphiql.js"></script>
  <script src="/graphiql/assets/start.js"></script>
</body>
</html>
`;
const PAGE_CSS = 'body { margin: 0; } #graphiql { height: 100vh; }';

/** GraphiQL's only sources are this origin; `data:` carries the fonts and icons inlined in its CSS. */
export const GRAPHIQL_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const cache = new Map<string, Buffer>();
function asset(name: string): { body: Buffer; type: string } | null {
  const entry = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  if (!entry) return null;
  if (!cache.has(name)) cache.set(name, readFileSync(entry.file()));
  return { body: cache.get(name)!, type: entry.type };
}

@Controller('graphiql')
export class GraphiqlController {
  @Get()
  @Public()
  page(@Res() reply: FastifyReply): void {
    void reply.header('content-security-policy', GRAPHIQL_CSP).type('text/html; charset=utf-8').send(PAGE);
  }

  @Get('assets/:name')
  @Public()
  asset(@Param('name') name: string, @Res() reply: FastifyReply): void {
    if (name === 'start.js') return void reply.type('text/javascript; charset=utf-8').send(START_SCRIPT);
    if (name === 'page.css') return void reply.type('text/css; charset=utf-8').send(PAGE_CSS);
    const found = asset(name);
    if (!found) throw new NotFoundException();
    void reply.header('cache-control', 'public, max-age=86400').type(`${found.type}; charset=utf-8`).send(found.body);
  }
}

/** GraphiQL outside production only (ARCHITECTURE §7). */
@Module({})
export class GraphiqlModule {
  static forRoot(enabled: boolean): DynamicModule {
    return { module: GraphiqlModule, controllers: enabled ? [GraphiqlController] : [] };
  }
}
