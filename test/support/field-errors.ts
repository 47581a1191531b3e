import { BadUserInputError } from '../../libs/common/src/index.js';

/** The fields of the BAD_USER_INPUT that `run` throws (unit tests of validation rules); fails when it throws nothing. */
export function fieldErrorsOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputError);
    return (error as BadUserInputError).fields;
  }
  throw new Error('expected BAD_USER_INPUT');
}
