DROP INDEX `actions_initiative`;--> statement-breakpoint
CREATE INDEX `actions_initiative` ON `actions` (`initiative_id`,`status`,`due_date`);