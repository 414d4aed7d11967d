using System.CommandLine;
using Likeness.Cli.Commands.Deletion;
using Likeness.Cli.Hosting;
using Likeness.Core.Characters;
using Likeness.Core.References;
using Likeness.Imaging;
using Likeness.Workspace;
using Likeness.Workspace.Deletion;

namespace Likeness.Cli.Commands.Characters;

/// <summary><c>likeness character create|list|show|add-refs|caption|rename|lint|delete|route</c>.</summary>
internal static class CharacterCommand
{
    public static Command Create() => new("character", "Create characters and give them reference photos.")
    {
        CreateCommand(),
        ListCommand(),
        ShowCommand(),
        AddRefsCommand(),
        CaptionCommand(),
        RenameCommand(),
        DeleteCommand.Create(
            DeletionKind.Character, "NAME", "Name or id.",
            "Delete a character and everything it owns: references, identity models, shots, pins, videos and their files (a GDPR erasure); the ledger keeps its amounts.",
            "Delete it even while one of its identity models trains (cancelled at its provider first)."),
        CharacterLintCommand.Create(),
        CharacterRouteCommand.Create(),
    };

    private static Command CaptionCommand()
    {
        var name = new Argument<string>("NAME") { Description = "Name or id." };
        var reference = new Argument<string>("REF") { Description = "The reference's id, or its file name (character show lists both)." };
        var text = new Argument<string?>("TEXT") { Description = "The caption a training sends with this image (start it with the trigger; describe what varies).", Arity = ArgumentArity.ZeroOrOne };
        var clear = new Option<bool>("--clear") { Description = "Remove the caption: trainings use the one Likeness writes again." };
        var command = new Command("caption", "Set the caption a training sends with one reference, instead of the one Likeness writes.") { name, reference, text, clear };
        command.SetGuardedAction(async (parse, ct) =>
        {
            string? caption = parse.GetValue(text);
            if (parse.GetValue(clear) == (caption is not null))
            {
                throw new CliUsageException("Give the caption's TEXT, or --clear to remove it.");
            }

            if (caption is not null && string.IsNullOrWhiteSpace(caption))
            {
                throw new CliUsageException("The caption is empty; use --clear to remove one.");
            }

            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            Character c = await workspace.Characters.GetAsync(parse.GetValue(name)!, ct).ConfigureAwait(false);
            ReferenceImage r = await workspace.Characters.SetCaptionAsync(c, parse.GetValue(reference)!, caption, ct).ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteLineAsync(r.Caption is null
                ? $"{r.FileName}: no caption of yours; trainings use the written one."
                : $"{r.FileName}: {r.Caption}").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command RenameCommand()
    {
        var name = new Argument<string>("NAME") { Description = "Name or id." };
        var newName = new Argument<string>("NEW_NAME") { Description = "The new name; everything made of the character stays with it." };
        var command = new Command("rename", "Rename a character (its trigger token, references, identities and shots stay).") { name, newName };
        command.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            Character renamed = await workspace.Characters.RenameAsync(parse.GetValue(name)!, parse.GetValue(newName)!, ct).ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"Renamed to {renamed.Name} (id {renamed.Id}).").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateCommand()
    {
        var name = new Argument<string>("NAME") { Description = "The character's name." };
        var description = new Option<string?>("--description") { Description = "Free text for people." };
        var trigger = new Option<string?>("--trigger") { Description = "Trigger token (4-24 lower-case letters); generated when omitted." };
        var core = new Option<string?>("--core-identity") { Description = "One phrase saying who this is." };
        var traits = new Option<string[]>("--trait") { Description = "A physical trait (repeatable).", AllowMultipleArgumentsPerToken = false };
        var style = new Option<string?>("--style") { Description = "Rendering style." };
        var negative = new Option<string[]>("--negative") { Description = "Something that must not appear (repeatable)." };
        var command = new Command("create", "Create a character.") { name, description, trigger, core, traits, style, negative };
        command.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            var profile = new CharacterProfile
            {
                CoreIdentity = parse.GetValue(core) ?? string.Empty,
                PhysicalTraits = parse.GetValue(traits) ?? [],
                Style = parse.GetValue(style) ?? string.Empty,
                Negative = parse.GetValue(negative) ?? [],
            };
            Character character = await workspace.Characters.CreateAsync(parse.GetValue(name)!, parse.GetValue(description), profile, parse.GetValue(trigger), ct).ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"Created {character.Name} (trigger token '{character.TriggerToken}', id {character.Id}).").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ListCommand()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command("list", "List characters.") { json };
        command.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            var rows = new List<object>();
            TextWriter output = parse.InvocationConfiguration.Output;
            foreach (Character c in await workspace.Characters.ListAsync(ct).ConfigureAwait(false))
            {
                int refs = (await workspace.Characters.ReferencesAsync(c.Id, ct).ConfigureAwait(false)).Count;
                int models = (await workspace.Identities.ListAsync(c.Id, ct).ConfigureAwait(false)).Count;
                rows.Add(new { name = c.Name, trigger_token = c.TriggerToken, references = refs, identity_models = models, id = c.Id });
                if (!parse.GetValue(json))
                {
                    await output.WriteLineAsync($"{c.Name,-24} {c.TriggerToken,-14} {refs,3} refs  {models,2} identity models").ConfigureAwait(false);
                }
            }

            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(CliJson.Serialize(rows)).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ShowCommand()
    {
        var name = new Argument<string>("NAME") { Description = "Name or id." };
        var command = new Command("show", "Show a character: profile, references, identity models, shots and cost.") { name };
        command.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            Character c = await workspace.Characters.GetAsync(parse.GetValue(name)!, ct).ConfigureAwait(false);
            TextWriter o = parse.InvocationConfiguration.Output;
            await o.WriteLineAsync($"{c.Name}  (trigger '{c.TriggerToken}', id {c.Id})").ConfigureAwait(false);
            if (c.Description.Length > 0)
            {
                await o.WriteLineAsync($"  {c.Description}").ConfigureAwait(false);
            }

            await o.WriteLineAsync($"  identity: {c.Profile.CoreIdentity}; traits: {string.Join(", ", c.Profile.PhysicalTraits)}; style: {c.Profile.Style}; never: {string.Join(", ", c.Profile.Negative)}").ConfigureAwait(false);
            await o.WriteLineAsync("references:").ConfigureAwait(false);
            foreach (ReferenceImage r in await workspace.Characters.ReferencesAsync(c.Id, ct).ConfigureAwait(false))
            {
                string faces = r.Analysis is { } a ? $"{a.FacesFound} face(s)" : "faces not checked";
                await o.WriteLineAsync($"  {r.FileName,-36} {r.Role,-12} {r.Width}x{r.Height} {r.Format,-4} {faces}  {r.Id}").ConfigureAwait(false);
                if (r.Caption is not null)
                {
                    await o.WriteLineAsync($"    caption: {r.Caption}").ConfigureAwait(false);
                }
            }

            await o.WriteLineAsync("identity models:").ConfigureAwait(false);
            foreach (var m in await workspace.Identities.ListAsync(c.Id, ct).ConfigureAwait(false))
            {
                await o.WriteLineAsync($"  {m.Provider,-14} v{m.Version} {m.Kind,-9} {m.Status,-9} ${m.CostUsd:0.00}  {m.Id}").ConfigureAwait(false);
            }

            var shots = await workspace.Shots.ListAsync(c.Id, ct).ConfigureAwait(false);
            await o.WriteLineAsync($"shots: {shots.Count} ({shots.Count(s => s.Status == Core.Shots.ShotStatus.Failed)} failed), ${shots.Sum(s => s.CostUsd):0.0000} spent on shots").ConfigureAwait(false);
            DeletionPlan plan = await workspace.Deletions.PlanAsync(DeletionKind.Character, c.Id.ToString(), ct).ConfigureAwait(false);
            await o.WriteLineAsync($"a delete would remove: {DeleteCommand.Describe(plan)}").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command AddRefsCommand()
    {
        var name = new Argument<string>("NAME") { Description = "Name or id." };
        var files = new Argument<FileInfo[]>("FILES") { Description = "JPEG, PNG or WebP photos.", Arity = ArgumentArity.OneOrMore };
        var role = new Option<ReferenceRole>("--role") { Description = "What the photos show.", DefaultValueFactory = _ => ReferenceRole.Other };
        var command = new Command("add-refs", "Check reference photos and add them (nothing is added when any check fails).") { name, files, role };
        command.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            Character c = await workspace.Characters.GetAsync(parse.GetValue(name)!, ct).ConfigureAwait(false);
            var candidates = new List<ReferenceCandidate>();
            foreach (FileInfo file in parse.GetValue(files)!)
            {
                candidates.Add(new ReferenceCandidate(file.Name, ImageDecoder.ReadFile(file.FullName, new DecodeOptions { MaxInputBytes = workspace.Options.MaxReferenceBytes + 1 }), parse.GetValue(role)));
            }

            var (report, added) = await workspace.Characters.AddReferencesAsync(c, candidates, ct).ConfigureAwait(false);
            TextWriter o = parse.InvocationConfiguration.Output;
            foreach (ReferenceFinding f in report.Findings)
            {
                await (f.Severity == FindingSeverity.Error ? parse.InvocationConfiguration.Error : o)
                    .WriteLineAsync($"{f.Severity.ToString().ToLowerInvariant()}: {f.Message}").ConfigureAwait(false);
            }

            await o.WriteLineAsync(report.Passed ? $"Added {added.Count} reference(s) to {c.Name}." : $"Nothing was added to {c.Name}: fix the errors above.").ConfigureAwait(false);
            return report.Passed ? ExitCodes.Success : ExitCodes.BadInput;
        });
        return command;
    }
}
