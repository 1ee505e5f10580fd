// The access log: one line per request, written when its answer has gone, carrying the request
// (method, URL, remote address), the status and the time taken, under the request's id.
// Fastify's default is two lines, one on arrival and one on completion; on the intake path that
// second line cost about 5% of a core at 1,300 requests/s (ADR 0015, Measured again). The arrival
// line is kept at debug level, for following a request that does not finish.
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

export class AccessLog extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}
