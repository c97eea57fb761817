import { ValidationPipe, type ArgumentMetadata, type ValidationError as ClassValidationError } from '@nestjs/common';
import { ValidationError } from '../common/errors.js';
import { trimInputStrings } from './trim-inputs.js';

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

/**
 * The one place input strings are trimmed: before class-validator, so every length rule
 * (and every service after it) sees trimmed text, and blank text counts as absent.
 */
class TrimmingValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return super.transform(value, metadata);
    return super.transform(trimInputStrings(value, metadata.metatype), metadata);
  }
}

/** class-validator on every input type; the first problem becomes BAD_USER_INPUT naming the field. */
export const inputValidationPipe = new TrimmingValidationPipe({
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
