// The machine's ceiling: a plain Fastify server (no database, no Redis, no hooks) answering
// POST /hello, started beside the api and the raw baseline and measured with the same load
// generator and connection count, so a run shows what this machine serves at best right now.
import Fastify from 'fastify';

const port = Number(process.env.PORT ?? 0);
const app = Fastify({ logger: false });
app.post('/hello', async () => ({ hello: 'world' }));
app.get('/health', async () => ({ status: 'ok' }));
await app.listen({ port, host: '127.0.0.1' });
