import { Args, ArgsType, Field, ObjectType, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { Ctx, OperatorOnly } from '../auth/access.decorators.js';
import { RequestContext } from '../context/request-context.js';
import { Connection, PageArgs, type Page } from '../graphql/connection.js';
import { JobQueueService } from './job-queue.service.js';
import { Job, JobStatus } from './job.entity.js';

@ObjectType('JobConnection', { description: 'A page of background jobs, newest first.' })
export class JobConnection extends Connection('Job', Job) {}

@ArgsType()
export class JobListArgs extends PageArgs {
  @Field(() => JobStatus, { nullable: true, description: 'Only jobs in this state; all when absent.' })
  @IsOptional()
  @IsEnum(JobStatus)
  status?: JobStatus | null;
}

@Resolver(() => Job)
export class JobResolver {
  constructor(private readonly queue: JobQueueService) {}

  @OperatorOnly()
  @Query(() => JobConnection, { description: 'Background jobs, newest first, with their attempts and last error: operators only.' })
  jobs(@Ctx() ctx: RequestContext, @Args() args: JobListArgs): Promise<Page<Job>> {
    return this.queue.list(ctx, args);
  }

  @ResolveField(() => String, { description: 'What it works on (ids), as JSON.' })
  payload(job: Job): string {
    return JSON.stringify(job.payload);
  }
}
