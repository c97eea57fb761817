import { ValidationPipe, type ValidationError as ClassValidationError } from '@nestjs/common';
import { ValidationError } from '../common/errors.js';

function firstProblem(errors: ClassValidationError[], prefix = ''): { field: string; message: string } | null {
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const constraint = e.constraints ? Object.values(e.constraints)[0] : undefined;
    if (constraint) return { field, message: constraint };
    const nested = firstProblem(e.children ?? [], field);
    if (nested) return nested;
  }
  return null;
}

/** class-validator on every input type; the first problem becomes BAD_USER_INPUT naming the field. */
export const inputValidationPipe = new ValidationPipe({
  transform: true,
  whitelist: true,
  forbidUnknownValues: false,
  validateCustomDecorators: false,
  exceptionFactory: (errors) => {
    const problem = firstProblem(errors);
    return problem
      ? new ValidationError(`${problem.field}: ${problem.message}`, problem.field)
      : new ValidationError('Invalid input');
  },
});
