import { afterEach, expect, it, vi } from 'vitest';
import { faultPoint } from './fault';

afterEach(() => vi.restoreAllMocks());

it('kills the process with SIGKILL exactly at the n-th time the named point is reached', () => {
  const kill = vi.spyOn(process, 'kill').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const env = { CARBONIO_FAULT: 'exit-after-publish:2' };
  faultPoint('exit-after-commit', env);
  faultPoint('exit-after-publish', env);
  expect(kill).not.toHaveBeenCalled();
  faultPoint('exit-after-publish', env);
  expect(kill).toHaveBeenCalledWith(process.pid, 'SIGKILL');
  faultPoint('exit-after-publish', env);
  expect(kill).toHaveBeenCalledTimes(1);
  faultPoint('exit-after-commit', {});
  expect(kill).toHaveBeenCalledTimes(1);
});
