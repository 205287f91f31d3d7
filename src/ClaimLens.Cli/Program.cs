using ClaimLens.Cli.Commands;

return ClaimLensCommand.Create().Parse(args).Invoke();
