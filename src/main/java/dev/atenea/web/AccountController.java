package dev.atenea.web;

import dev.atenea.user.AccountProperties;
import dev.atenea.user.UserService;
import dev.atenea.user.UserService.InvalidAccountException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /signup}: anyone may create an account, when
 * {@link AccountProperties#signupEnabled()} is on; otherwise the page does not exist. New
 * accounts are never staff.
 */
@Controller
class AccountController {

	private static final int MIN_PASSWORD_LENGTH = 8;

	private final UserService users;

	private final AccountProperties accounts;

	AccountController(UserService users, AccountProperties accounts) {
		this.users = users;
		this.accounts = accounts;
	}

	@GetMapping("/signup")
	String signupForm() {
		requireSignup();
		return "signup";
	}

	@PostMapping("/signup")
	String signup(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
			@RequestParam(name = "password_confirm", defaultValue = "") String confirmation, Model model) {
		requireSignup();
		String problem = problemWith(password, confirmation);
		if (problem == null) {
			try {
				this.users.create(username.strip(), password, false);
				return "redirect:/login?registered";
			}
			catch (InvalidAccountException ex) {
				problem = ex.getMessage();
			}
		}
		model.addAttribute("problem", problem);
		model.addAttribute("username", username);
		return "signup";
	}

	private void requireSignup() {
		if (!this.accounts.signupEnabled()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
	}

	private static String problemWith(String password, String confirmation) {
		if (password.length() < MIN_PASSWORD_LENGTH) {
			return "Choose a password of at least " + MIN_PASSWORD_LENGTH + " characters.";
		}
		if (!password.equals(confirmation)) {
			return "The two passwords differ.";
		}
		return null;
	}

}
