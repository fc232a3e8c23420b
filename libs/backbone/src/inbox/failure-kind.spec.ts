import { ConflictError, DomainError, InvalidInputError } from '#libs/domain';
import { classifyFailure } from './failure-kind.js';

const pgError = (code: string, message = 'error') => Object.assign(new Error(message), { code });

class BusyError extends DomainError {
  readonly code = 'BUSY';
  readonly status = 409;
  override readonly retryable = true;
}

describe('classifyFailure', () => {
  it.each([
    ['08006 connection failure', pgError('08006')],
    ['08001 unable to connect', pgError('08001')],
    ['57P01 admin shutdown (pg_terminate_backend)', pgError('57P01', 'terminating connection due to administrator command')],
    ['57P03 cannot connect now', pgError('57P03')],
    ['53300 too many connections', pgError('53300')],
    ['ECONNREFUSED', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['ECONNRESET', pgError('ECONNRESET')],
    ['ETIMEDOUT', pgError('ETIMEDOUT')],
    ['Connection terminated unexpectedly', new Error('Connection terminated unexpectedly')],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    ['a database that does not allow connections (55000)', pgError('55000', 'database "t1_640104100000" is not currently accepting connections')],
    ['a driver error wrapped by TypeORM', Object.assign(new Error('query failed'), { driverError: pgError('57P01') })],
    ['an error with a connection error as its cause', new Error('outer', { cause: pgError('ECONNREFUSED') })],
  ])('treats %s as infrastructure', (_name, err) => {
    expect(classifyFailure(err)).toBe('infrastructure');
  });

  it('follows a DomainError: retryable when it says so, permanent otherwise', () => {
    expect(classifyFailure(new BusyError('忙', 'busy'))).toBe('retryable');
    expect(classifyFailure(new InvalidInputError('无效', 'invalid'))).toBe('permanent');
    expect(classifyFailure(new ConflictError('冲突', 'conflict'))).toBe('permanent');
  });

  it.each([
    ['a unique violation (23505)', pgError('23505', 'duplicate key value violates unique constraint')],
    ['a check violation (23514)', pgError('23514')],
    ['a syntax error (42601)', pgError('42601')],
    ['a plain error', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['a thrown string', 'boom'],
    ['undefined', undefined],
  ])('retries (and then parks) anything else: %s', (_name, err) => {
    expect(classifyFailure(err)).toBe('retryable');
  });
});
