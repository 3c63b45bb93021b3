// Deliberately empty: tsconfig 'paths' map forbidden imports here so they fail the type check.
