import {
  parsePilotSettings,
  withOverrides,
  type PilotOverrides,
  type PilotSettings,
} from '../../src/select/settings.ts';

export function defaultPilotSettings(o: PilotOverrides = {}): PilotSettings {
  return withOverrides(parsePilotSettings(undefined), o);
}
