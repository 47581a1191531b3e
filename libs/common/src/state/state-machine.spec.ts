import { InvalidStateError } from '../errors/dure-error.js';
import { StateMachine } from './state-machine.js';

type Light = 'RED' | 'GREEN' | 'YELLOW' | 'OFF';
const light = new StateMachine<Light>('Light', { RED: ['GREEN'], GREEN: ['YELLOW'], YELLOW: ['RED', 'OFF'] });

describe('StateMachine', () => {
  it('allows exactly the moves in its table', () => {
    expect(light.can('RED', 'GREEN')).toBe(true);
    expect(light.can('GREEN', 'RED')).toBe(false);
    expect(light.can('OFF', 'RED')).toBe(false);
    expect(() => light.assert('YELLOW', 'OFF')).not.toThrow();
  });

  it('names the statuses a move may start from', () => {
    expect(light.sourcesOf('RED')).toEqual(['YELLOW']);
    expect(light.sourcesOf('GREEN')).toEqual(['RED']);
    expect(light.sourcesOf('OFF')).toEqual(['YELLOW']);
  });

  it('refuses anything else with INVALID_STATE naming the entity and both states', () => {
    expect(() => light.assert('RED', 'YELLOW')).toThrow(InvalidStateError);
    expect(() => light.assert('OFF', 'GREEN')).toThrow('Light cannot go from OFF to GREEN');
  });
});
