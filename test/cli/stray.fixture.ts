// Fixture: a model whose successor writes raw bits outside its declared layout.
import { defineLayout, defineModel, range } from '../../src/index.ts';

const L = defineLayout({ x: range(0, 3) });
export default defineModel({
  name: 'stray',
  layout: L,
  rules: [{ name: 'poke', thread: 't', guard: (s) => L.fields.x.get(s) === 0, update: (_s, n) => void (n[0] = 0x80) }],
});
