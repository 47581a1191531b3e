import type { FactoryProvider } from '@nestjs/common';
import { DureConfig } from '../../../common/src/index.js';
import { SimulatedTrackingProvider } from './simulated-tracking-provider.js';
import { SweetTrackerTrackingProvider, sweetTrackerSettings } from './sweettracker-tracking-provider.js';
import { TRACKING_PROVIDER, type TrackingProvider } from './tracking-provider.js';

/**
 * The TrackingProvider named by TRACKING_PROVIDER (docs/RULES.md §17, §27): the config accepts only known names,
 * and a name without an adapter in this build stops start-up here with the names that have one.
 */
export const trackingProviderFactory: FactoryProvider<TrackingProvider> = {
  provide: TRACKING_PROVIDER,
  inject: [DureConfig, SimulatedTrackingProvider],
  useFactory: (config: DureConfig, simulated: SimulatedTrackingProvider): TrackingProvider => {
    const adapters: Record<string, () => TrackingProvider> = {
      [simulated.name]: () => simulated,
      sweettracker: () => new SweetTrackerTrackingProvider(sweetTrackerSettings(config)),
    };
    const adapter = adapters[config.trackingProvider];
    if (!adapter) throw new Error(`TRACKING_PROVIDER=${config.trackingProvider} has no adapter (available: ${Object.keys(adapters).join(', ')})`);
    return adapter();
  },
};
