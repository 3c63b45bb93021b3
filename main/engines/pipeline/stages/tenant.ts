/** tenant: the __tenant_id__ label from extracted[source], a label, or a fixed value (stages/tenant.go). */
import type { StageDefinition } from '../types';
import { ConfigReader, getString } from '../values';

export const TENANT_LABEL = '__tenant_id__';

interface TenantConfig {
  source: string;
  value: string;
  label: string;
}

export const tenantStage: StageDefinition<TenantConfig> = {
  type: 'tenant',
  validate(raw) {
    const r = new ConfigReader(raw, 'tenant');
    const cfg = { source: r.string('source') ?? '', value: r.string('value') ?? '', label: r.string('label') ?? '' };
    if (r.error) return { ok: false, error: r.error };
    const set = [cfg.source, cfg.value, cfg.label].filter((x) => x !== '').length;
    if (set === 0) return { ok: false, error: 'label, source or value config are required' };
    if (set > 1) return { ok: false, error: 'label, source and value are mutually exclusive: you should set source, value or label but not all' };
    return { ok: true, config: cfg };
  },
  create(cfg, ctx) {
    return {
      type: 'tenant',
      process(entry) {
        let tenant = cfg.value;
        if (cfg.source) {
          tenant = '';
          if (Object.prototype.hasOwnProperty.call(entry.extracted, cfg.source)) {
            const s = getString(entry.extracted[cfg.source]);
            if (s.ok) tenant = s.value;
            else ctx.note(`failed to convert value to string: ${s.error}`);
          } else ctx.note(`the tenant source does not exist in the extracted data: ${cfg.source}`);
        } else if (cfg.label) tenant = entry.labels[cfg.label] ?? '';
        if (tenant !== '') entry.labels[TENANT_LABEL] = tenant;
        return [entry];
      },
    };
  },
};
