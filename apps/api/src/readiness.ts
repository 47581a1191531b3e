import { Injectable } from '@nestjs/common';

/** Whether this process is shutting down: `/ready` then answers 503 so load balancers stop sending requests. */
@Injectable()
export class Readiness {
  draining = false;
}
