import restify from 'restify';

/** The ceiling for the HTTP benchmark: restify with the same body parser, answering at once. */
const server = restify.createServer({ name: 'bare' });
server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
server.post('/api/messages', (_req, res, next) => {
  res.send(200);
  next();
});
server.get('/healthz', (_req, res, next) => {
  res.send(200, { status: 'ok' });
  next();
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
