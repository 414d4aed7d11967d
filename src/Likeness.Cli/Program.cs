using Likeness.Cli;

return await LikenessCli.RunAsync(args, Console.Out, Console.Error);
