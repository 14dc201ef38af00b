/**
 * Vision transformers: ViT (transformers' models/vit/modeling_vit.py) and CLIP (models/clip/
 * modeling_clip.py), the text tower, the vision tower or both with their projections. A CLIP
 * config.json keeps each tower's fields in text_config and vision_config (older files in
 * text_config_dict and vision_config_dict, which transformers reads over them).
 */
import { fail } from '../../errors.js';
import { LIMITS } from '../../limits.js';
import { item, type Built, type ConfigFamily } from './family.js';
import type { ConfigReader } from './reader.js';

const VIT_FREE = ['hidden_act', 'hidden_dropout_prob', 'attention_probs_dropout_prob', 'layer_norm_eps', 'encoder_stride', 'pooler_act'];

const boundedLayers = (c: ConfigReader, fallback: number): number => {
  const layers = c.int('num_hidden_layers', fallback);
  if (layers > LIMITS.layers) fail('err.tooLarge', { token: String(layers), what: 'num_hidden_layers', max: LIMITS.layers.toLocaleString('en-US') });
  return layers;
};

export const vit: ConfigFamily = {
  modelTypes: ['vit'],
  architectures: () => ['ViTForImageClassification', 'ViTModel'],
  build(c, _modelType, architecture): Built {
    const d = c.int('hidden_size', 768);
    const layers = boundedLayers(c, 12);
    const heads = c.int('num_attention_heads', 12);
    const intermediate = c.int('intermediate_size', 3072);
    const image = c.int('image_size', 224);
    const patch = c.int('patch_size', 16);
    const channels = c.int('num_channels', 3);
    const qkvBias = c.bool('qkv_bias', true);
    const base = architecture === 'ViTModel' ? '' : 'vit.';
    const body = [
      item(`${base}embeddings`, `patchembed ${channels} ${patch} ${d} names=patch_embeddings.projection,cls_token,position_embeddings`),
      item(`${base}encoder.layer`, `{ vit_hf_layer ${d} ${heads} ${intermediate} ${qkvBias} } x${layers}`),
      item(`${base}layernorm`, 'ln'),
    ];
    if (architecture === 'ViTModel') {
      // ViTPooler: a dense layer (hidden_size → pooler_output_size) and tanh on the class token.
      const pooled = c.intOrNull('pooler_output_size', null) ?? d;
      if (pooled !== d) fail('err.configUnsupportedValue', { field: 'pooler_output_size', value: String(pooled), allowed: `null | ${d}` });
      body.push(item('pooler', 'pooler'));
    } else {
      c.countFree(['pooler_output_size']);
      body.push('clspool', item('classifier', `dense ${c.labels()}`));
    }
    c.countFree(VIT_FREE);
    return { input: `${image}x${image}x${channels}`, body, source: `transformers ${architecture} (models/vit/modeling_vit.py)` };
  },
};

// A tower has no LM head: tie_word_embeddings (written into every sub-config by older versions) ties nothing.
const CLIP_FREE = ['hidden_act', 'layer_norm_eps', 'attention_dropout', 'dropout', 'logit_scale_init_value', 'initializer_factor', 'tie_word_embeddings'];

/** One tower's config: transformers reads text_config_dict (older files) over text_config. */
function towerConfig(c: ConfigReader, tower: 'text' | 'vision'): ConfigReader {
  const legacy = c.sub(`${tower}_config_dict`);
  const current = c.sub(`${tower}_config`);
  if (legacy !== undefined) {
    // transformers overwrites text_config with text_config_dict's values: the dict is what counts.
    current?.ignoreAll();
    return legacy;
  }
  return current ?? fail('err.configMissing', { field: `${tower}_config` });
}

/** The projection after a tower: CLIPModel's shared width, a WithProjection model's own, or none. */
type Projection = 'none' | 'own' | number;

function projectionWidth(r: ConfigReader, projection: Projection): number | undefined {
  if (projection === 'none') {
    r.countFree(['projection_dim']);
    return undefined;
  }
  if (projection === 'own') return r.int('projection_dim', 512);
  r.countFree(['projection_dim']);
  return projection;
}

function textTower(t: ConfigReader, projection: Projection): { body: string[]; input: string } {
  const d = t.int('hidden_size', 512);
  const positions = t.int('max_position_embeddings', 77);
  const body = [
    item(
      'text_model',
      `{
  embeddings: { token_embedding: embedding ${t.int('vocab_size', 49408)} ${d} > position_embedding: posembed ${positions} }
  encoder.layers: { clip_encoder_layer ${d} ${t.int('num_attention_heads', 8)} ${t.int('intermediate_size', 2048)} } x${boundedLayers(t, 12)}
  final_layer_norm: ln
  clspool
}`,
    ),
  ];
  const width = projectionWidth(t, projection);
  if (width !== undefined) body.push(item('text_projection', `dense ${width} bias=false`));
  t.countFree(CLIP_FREE);
  return { body, input: String(positions) };
}

function visionTower(v: ConfigReader, projection: Projection): { body: string[]; input: string } {
  const d = v.int('hidden_size', 768);
  const image = v.int('image_size', 224);
  const channels = v.int('num_channels', 3);
  const body = [
    item(
      'vision_model',
      `{
  newinput ${image}x${image}x${channels}
  embeddings: patchembed ${channels} ${v.int('patch_size', 32)} ${d} bias=false names=patch_embedding,class_embedding,position_embedding.weight
  pre_layrnorm: ln
  encoder.layers: { clip_encoder_layer ${d} ${v.int('num_attention_heads', 12)} ${v.int('intermediate_size', 3072)} } x${boundedLayers(v, 12)}
  clspool
  post_layernorm: ln
}`,
    ),
  ];
  const width = projectionWidth(v, projection);
  if (width !== undefined) body.push(item('visual_projection', `dense ${width} bias=false`));
  v.countFree(CLIP_FREE);
  return { body, input: `${image}x${image}x${channels}` };
}

const CLIP_ARCHITECTURES: Readonly<Record<string, readonly string[]>> = {
  clip: ['CLIPModel', 'CLIPTextModel', 'CLIPVisionModel', 'CLIPTextModelWithProjection', 'CLIPVisionModelWithProjection'],
  clip_text_model: ['CLIPTextModel', 'CLIPTextModelWithProjection'],
  clip_vision_model: ['CLIPVisionModel', 'CLIPVisionModelWithProjection'],
};

export const clip: ConfigFamily = {
  modelTypes: Object.keys(CLIP_ARCHITECTURES),
  architectures: (modelType) => CLIP_ARCHITECTURES[modelType]!,
  build(c, modelType, architecture): Built {
    const both = architecture === 'CLIPModel';
    const projection: Projection = both ? c.int('projection_dim', 512) : architecture.endsWith('WithProjection') ? 'own' : 'none';
    // A tower's own model_type keeps its fields at the top; a CLIPConfig keeps them in text_config and vision_config.
    const tower = (name: 'text' | 'vision'): ConfigReader | undefined => {
      const wanted = both || architecture.startsWith(name === 'text' ? 'CLIPText' : 'CLIPVision');
      if (modelType !== 'clip') return wanted ? c : undefined;
      if (wanted) return towerConfig(c, name);
      for (const key of [`${name}_config`, `${name}_config_dict`]) c.sub(key)?.ignoreAll();
      return undefined;
    };
    const text = tower('text');
    const vision = tower('vision');
    const parts = [...(text ? [textTower(text, projection)] : []), ...(vision ? [visionTower(vision, projection)] : [])];
    c.countFree(CLIP_FREE);
    return {
      input: parts[0]!.input,
      body: [...parts.flatMap((p) => p.body), ...(both ? [item('logit_scale', 'param 1')] : [])],
      source: `transformers ${architecture} (models/clip/modeling_clip.py)`,
    };
  },
};
