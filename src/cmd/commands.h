/* commands.h: the subcommands; reluscape.c only dispatches to them.  Each
 * takes the arguments after its name (argv[0] is the subcommand's name) and
 * returns an exit status (cli.h). */
#ifndef RS_COMMANDS_H
#define RS_COMMANDS_H

/* reluscape render SCENE -o FILE: the figure as PNG, PDF or SVG. */
int cmd_render (int argc, char **argv);

/* reluscape simulate SCENE [-o FILE] [--every K]: the run's numbers, every
 * recorded point and a summary, as CSV or JSON. */
int cmd_simulate (int argc, char **argv);
int cmd_surface (int argc, char **argv);

/* reluscape experiment NAME [OPTIONS] [-o FILE.csv]: one of the experiments
 * of rs_probe.h (depth, zero-grad, born-dead, dead-sweep) as a readable
 * table, or as CSV. */
int cmd_experiment (int argc, char **argv);

/* reluscape check [--quiet] [--print] SCENE...: every error and warning
 * of each scene and a summary line, without running it; or one scene in
 * canonical form. */
int cmd_check (int argc, char **argv);

/* reluscape run [SCENE]: the interactive app; the built-in scene when no
 * scene is given (this is also what `reluscape` alone runs). */
int cmd_run (int argc, char **argv);

/* reluscape merge PART.csv... [-o FILE]: the parts of a sharded run
 * (--shard I/N) back together, byte for byte the unsharded table. */
int cmd_merge (int argc, char **argv);

#endif /* RS_COMMANDS_H */
