/** The direction of the house (../shared/DESIGN.md): core knows no platform and none of our other folders. */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'core/ imports no other folder of ours and no platform SDK or database layer',
      severity: 'error',
      from: { path: '^core/' },
      to: { pathNot: '^(core/|node_modules/(luxon|zod)/)', dependencyTypesNot: ['core'] },
    },
    {
      name: 'cards-are-pure',
      comment: 'cards/ render core views only',
      severity: 'error',
      from: { path: '^cards/' },
      to: { pathNot: '^(cards/|core/)', dependencyTypesNot: ['core'] },
    },
    {
      name: 'migrations-never-import-models',
      severity: 'error',
      from: { path: '^migrations/' },
      to: { path: '^(adapters|core|bots|cards)/' },
    },
    {
      name: 'bots-use-no-storage',
      comment: 'bots/ call core; only main.ts wires adapters',
      severity: 'error',
      from: { path: '^bots/' },
      to: { path: '^(adapters/|node_modules/(sequelize|mysql2|sqlite3))' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
