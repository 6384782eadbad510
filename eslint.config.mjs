import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['node_modules/**', '.next/**', '.data/**', 'lib/db/generated/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'],
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', {
        paths: [{ name: 'kafkajs', message: 'Import Kafka through lib/kafka (the only module that may import kafkajs).' }],
      }],
    },
  },
  { files: ['lib/kafka/**'], rules: { 'no-restricted-imports': 'off' } },
  {
    // The core never depends on the web framework.
    files: ['lib/**'],
    ignores: ['lib/kafka/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'kafkajs', message: 'Import Kafka through lib/kafka.' },
          { name: 'next', message: 'The core (lib/) must not import next.' },
          { name: 'react', message: 'The core (lib/) must not import react.' },
          { name: 'react-dom', message: 'The core (lib/) must not import react-dom.' },
        ],
        patterns: [{ group: ['next/*'], message: 'The core (lib/) must not import next.' }],
      }],
    },
  },
];
export default config;
