//! The `copydesk` command: `copydesk lsp` (the language server) and `copydesk check` (the same
//! findings for the terminal and CI).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use copydesk::check::{self, Format};

#[derive(Parser)]
#[command(
    name = "copydesk",
    version,
    about = "A copy editor for news articles: unattributed quotes, name spelling variants, who is who."
)]
struct Cli {
    /// Accepted for editors that start servers with `--stdio`; same as `copydesk lsp`.
    #[arg(long, global = true)]
    stdio: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the language server over stdin/stdout.
    Lsp,
    /// Check articles (.txt, .md) and print findings like a compiler.
    Check {
        /// Files or folders to check; `-` reads one article from stdin.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Force the articles' language (fr or en) instead of detecting it.
        #[arg(long)]
        language: Option<String>,
    },
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("COPYDESK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    match cli.command {
        None if !cli.stdio => {
            eprintln!(
                "copydesk: say what to do: `copydesk lsp` runs the language server, `copydesk check PATH…` checks articles (see `copydesk --help`)"
            );
            ExitCode::from(2)
        }
        None | Some(Command::Lsp) => {
            let runtime = match tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(e) => {
                    eprintln!("copydesk: cannot start the async runtime: {e}");
                    return ExitCode::from(2);
                }
            };
            let code = runtime.block_on(copydesk::lsp::run_stdio());
            // Do not wait for the blocked stdin reader thread.
            runtime.shutdown_background();
            ExitCode::from(code as u8)
        }
        Some(Command::Check {
            paths,
            format,
            language,
        }) => ExitCode::from(check::run(&paths, format, language.as_deref())),
    }
}
