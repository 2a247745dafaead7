/**
 * `local/no-literal-text`: the words of a view come from the messages (lib/i18n.ts), never from
 * the JSX. Reports text between tags, string literals and templates with letters or digits in
 * them as JSX children, and such strings in the attributes people read (aria-label, title,
 * placeholder, alt, and the `label`/`description`/`title` props of this project's components).
 * Punctuation, symbols and whitespace ("—", "★", "(", " · ") are allowed.
 */
const WORDS = /[\p{L}\p{N}]/u;
const READ_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-valuetext',
  'aria-roledescription',
  'title',
  'placeholder',
  'alt',
  'label',
  'description',
]);

/** The letters of a string-ish expression, or undefined when it is not one. */
function textOf(node) {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.cooked ?? '').join('');
  if (node.type === 'ConditionalExpression')
    return [textOf(node.consequent), textOf(node.alternate)].filter(Boolean).join(' ');
  if (node.type === 'LogicalExpression') return textOf(node.right);
  return undefined;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Words in views come from the messages (locales/*.yml).' },
    messages: {
      literal: 'Literal text “{{text}}” in a view: put it in locales/en.yml and use t().',
    },
    schema: [],
  },
  create(context) {
    const report = (node, text) =>
      context.report({ node, messageId: 'literal', data: { text: text.trim().slice(0, 40) } });
    return {
      JSXText(node) {
        if (WORDS.test(node.value)) report(node, node.value);
      },
      JSXExpressionContainer(node) {
        if (node.parent.type === 'JSXAttribute') return;
        const text = textOf(node.expression);
        if (text && WORDS.test(text)) report(node, text);
      },
      JSXAttribute(node) {
        const name = typeof node.name.name === 'string' ? node.name.name : '';
        if (!READ_ATTRIBUTES.has(name) || !node.value) return;
        const value =
          node.value.type === 'JSXExpressionContainer' ? node.value.expression : node.value;
        const text = textOf(value);
        if (text && WORDS.test(text)) report(node, text);
      },
    };
  },
};
