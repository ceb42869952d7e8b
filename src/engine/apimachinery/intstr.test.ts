import { describe, expect, it } from 'vitest';
import type { RollingDeploymentSpec } from './intstr';
import {
  getScaledValueFromIntOrPercent,
  maxSurge,
  maxUnavailable,
  minAvailable,
  resolveFenceposts,
} from './intstr';

describe('TestGetIntFromIntOrPercent (section 3.1)', () => {
  it.each<[number | string, number, boolean, number]>([
    [123, 0, false, 123],
    ['90%', 100, true, 90],
    ['90%', 95, true, 86],
    ['90%', 95, false, 85],
  ])('[INT1] %j of %d (roundUp=%s) = %d', (input, total, roundUp, want) => {
    expect(getScaledValueFromIntOrPercent(input, total, roundUp)).toBe(want);
  });

  it.each([
    ['%', 'invalid value for IntOrString: invalid value "%": strconv.Atoi: parsing "": invalid syntax'],
    ['90#', 'invalid value for IntOrString: invalid type: string is not a percentage'],
    ['#%', 'invalid value for IntOrString: invalid value "#%": strconv.Atoi: parsing "#": invalid syntax'],
    ['90', 'invalid value for IntOrString: invalid type: string is not a percentage'],
    [
      '99999999999999999999%',
      'invalid value for IntOrString: invalid value "99999999999999999999%": strconv.Atoi: parsing "99999999999999999999": value out of range',
    ],
  ])('[INT2] %j is an error', (input, message) => {
    expect(() => getScaledValueFromIntOrPercent(input, 100, true)).toThrow(new Error(message));
  });

  it('[INT2] nil is an error', () => {
    expect(() => getScaledValueFromIntOrPercent(undefined, 10, true)).toThrow(
      new Error('nil value for IntOrString'),
    );
    expect(() => getScaledValueFromIntOrPercent(null, 10, true)).toThrow(
      new Error('nil value for IntOrString'),
    );
  });

  it('[INT1] signed percentages parse like strconv.Atoi', () => {
    expect(getScaledValueFromIntOrPercent('+50%', 10, true)).toBe(5);
    expect(getScaledValueFromIntOrPercent('-50%', 10, false)).toBe(-5);
  });
});

describe('TestResolveFenceposts (section 3.2)', () => {
  it.each<[string | undefined, string | undefined, number, number, number]>([
    ['0%', '0%', 0, 0, 1],
    ['39%', '39%', 10, 4, 3],
    [undefined, '39%', 10, 0, 3],
    ['39%', undefined, 10, 4, 0],
    [undefined, undefined, 10, 0, 1],
  ])(
    '[INT3] maxSurge=%j maxUnavailable=%j desired=%d -> surge %d, unavailable %d',
    (s, u, desired, surge, unavailable) => {
      expect(resolveFenceposts(s, u, desired)).toEqual({ surge, unavailable });
    },
  );

  it.each([
    ['oops', '39%'],
    ['55%', 'urg'],
  ])('[INT3] maxSurge=%j maxUnavailable=%j is an error', (s, u) => {
    expect(() => resolveFenceposts(s, u, 10)).toThrow(
      new Error('invalid value for IntOrString: invalid type: string is not a percentage'),
    );
  });

  it.each<[number, number, number]>([
    [0, 0, 1],
    [1, 1, 0],
    [2, 1, 0],
    [3, 1, 0],
    [4, 1, 1],
    [5, 2, 1],
    [10, 3, 2],
  ])(
    '[INT3] defaults 25%%/25%% with %d replicas -> surge %d, unavailable %d (DERIVED)',
    (replicas, surge, unavailable) => {
      expect(resolveFenceposts('25%', '25%', replicas)).toEqual({ surge, unavailable });
    },
  );

  it('[INT3] ints are used as given', () => {
    expect(resolveFenceposts(2, 0, 5)).toEqual({ surge: 2, unavailable: 0 });
    expect(resolveFenceposts(0, 0, 5)).toEqual({ surge: 0, unavailable: 1 });
  });
});

const rolling = (
  replicas: number,
  maxUnavailableValue: number | string,
  surge: number | string = 1,
): RollingDeploymentSpec => ({
  replicas,
  strategy: {
    type: 'RollingUpdate',
    rollingUpdate: { maxSurge: surge, maxUnavailable: maxUnavailableValue },
  },
});
const recreate = (replicas: number): RollingDeploymentSpec => ({ replicas, strategy: { type: 'Recreate' } });

describe('TestMaxUnavailable (section 3.3)', () => {
  it.each<[string, RollingDeploymentSpec, number]>([
    ['maxUnavailable less than replicas', rolling(10, 5), 5],
    ['maxUnavailable equal replicas', rolling(10, 10), 10],
    ['maxUnavailable greater than replicas', rolling(5, 10), 5],
    ['maxUnavailable with replicas is 0', rolling(0, 10), 0],
    ['maxUnavailable with Recreate deployment strategy', recreate(10), 0],
    ['maxUnavailable less than replicas with percents', rolling(10, '50%'), 5],
    ['maxUnavailable equal replicas with percents', rolling(10, '100%'), 10],
    ['maxUnavailable greater than replicas with percents', rolling(5, '100%'), 5],
  ])('[INT4] %s', (_name, spec, want) => {
    expect(maxUnavailable(spec)).toBe(want);
  });
});

describe('TestMinAvailable (section 3.3)', () => {
  it.each<[string, RollingDeploymentSpec, number]>([
    ['replicas greater than maxUnavailable', rolling(10, 5), 5],
    ['replicas equal maxUnavailable', rolling(10, 10), 0],
    ['replicas less than maxUnavailable', rolling(5, 10), 0],
    ['replicas is 0', rolling(0, 10), 0],
    ['minAvailable with Recreate deployment strategy', recreate(10), 0],
    ['replicas greater than maxUnavailable with percents', rolling(10, '60%'), 4],
    ['replicas equal maxUnavailable with percents', rolling(10, '100%'), 0],
    ['replicas less than maxUnavailable with percents', rolling(5, '100%'), 0],
  ])('[INT4] %s', (_name, spec, want) => {
    expect(minAvailable(spec)).toBe(want);
  });
});

describe('MaxSurge (section 3.3)', () => {
  it('[INT4] is 0 for Recreate and the resolved surge otherwise', () => {
    expect(maxSurge(recreate(10))).toBe(0);
    expect(maxSurge(rolling(10, '25%', '25%'))).toBe(3);
    expect(maxSurge(rolling(10, 0, 2))).toBe(2);
  });

  it('[INT4] invalid values (caught by validation upstream) read as 0', () => {
    expect(maxSurge(rolling(10, 1, 'bogus'))).toBe(0);
    expect(maxUnavailable(rolling(10, 'bogus'))).toBe(0);
  });
});
