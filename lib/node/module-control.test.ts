import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger';
import type { NodeComponent } from './component';
import { ModuleControl } from './module-control';

function fake(name: string, haModule: boolean, log: string[], failStart = false): NodeComponent {
  return {
    name,
    haModule,
    async start() {
      if (failStart) throw new Error('boom');
      log.push(`start ${name}`);
    },
    async stop() {
      log.push(`stop ${name}`);
    },
  };
}

describe('ModuleControl', () => {
  it('stops only HA components, in reverse order, and starts them again in order', async () => {
    const log: string[] = [];
    const comps = [fake('mailbox', false, log), fake('relay', true, log), fake('agent', true, log)];
    const state = { running: true };
    let beats = 0;
    const control = new ModuleControl('mbox1.t', () => comps, state, silentLogger, async () => void beats++);
    expect(await control.stop()).toEqual({ host: 'mbox1.t', service: 'module', running: false, components: ['relay', 'agent'] });
    expect(await control.stop()).toMatchObject({ running: false });
    expect((await control.start()).running).toBe(true);
    expect(log).toEqual(['stop agent', 'stop relay', 'start relay', 'start agent']);
    expect(beats).toBe(2);
  });

  it('restart is stop then start, and concurrent actions do not interleave', async () => {
    const log: string[] = [];
    const comps = [fake('relay', true, log)];
    const control = new ModuleControl('h', () => comps, { running: true }, silentLogger);
    await Promise.all([control.restart(), control.stop(), control.start()]);
    expect(log).toEqual(['stop relay', 'start relay', 'stop relay', 'start relay']);
  });

  it('a component that fails to start leaves the module stopped, with the others stopped again', async () => {
    const log: string[] = [];
    const comps = [fake('relay', true, log), fake('agent', true, log, true)];
    const state = { running: false };
    const control = new ModuleControl('h', () => comps, state, silentLogger);
    await expect(control.start()).rejects.toThrow('The HA module of h could not start: agent failed (boom)');
    expect(state.running).toBe(false);
    expect(log).toEqual(['start relay', 'stop relay']);
  });
});
